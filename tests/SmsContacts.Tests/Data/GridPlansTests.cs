using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// Every plan of the grid against the plain meaning of a page: for each tab, sort, direction, filter and phone
/// search, the rows of a page are the rows an in-memory sort and slice of the fixture's data gives (with the
/// search's C# rule, <see cref="PhoneSearch.Matches"/>), and the total is their number. Searches run
/// both ways (walking the sort's index, gathering the matches from the search index or the phone ranges), and every statement the grid ran is
/// also written for SQL Server and checked by SQL Server's parser.
/// </summary>
public sealed class GridPlansTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private const int PageSize = 7;

    private static readonly string[] Sorts = [GridSort.Phone, GridSort.Email, GridSort.SubscribeDate, GridSort.ListName];
    private static readonly string[] OptedOutSorts = [GridSort.Phone, GridSort.Email, GridSort.OptOutDate, GridSort.Reason];
    private static readonly string[] OtherSorts = [GridSort.Phone, GridSort.Email, GridSort.LastMessageDate];

    private IEnumerable<string> Searches()
    {
        // The issue's shapes, from a real contact: one digit, three, an area code with and without +1, the
        // last 4 and 7, the full number two ways, three digits from the middle; then what people type on the way.
        var sample = fixture.Contacts.First(c => c.Phone.StartsWith("+1", StringComparison.Ordinal) && c.Subscriptions.Count > 0).Phone;
        var national = sample[2..];
        string[] shapes =
        [
            "", "1", "4", "141", national[..3], "+1" + national[..3], national[^4..], national[^7..], sample,
            $"({national[..3]}) {national[3..6]}-{national[6..]}", national[4..7],
            "+", "+1", "+1 (4", "14", "44", "+44", "+447", "447", "7700", "21", "9", "415-", "0", "00", "000", "99999999", "john", "*", "%", "_", "😀",
        ];
        var random = new Random(77);
        var pieces = Enumerable.Range(0, 8).Select(_ =>
        {
            var phone = fixture.Contacts[random.Next(fixture.Contacts.Count)].Phone[1..];
            var start = random.Next(0, phone.Length - 3);
            return phone.Substring(start, random.Next(3, Math.Min(7, phone.Length - start) + 1));
        });
        return shapes.Concat(pieces).Distinct();
    }

    [Fact]
    public async Task ContactsTab_EverySortDirectionListAndSearch_PagesLikeTheInMemorySort()
    {
        var filters = new int?[] { null }.Concat(fixture.Lists.Select(l => (int?)l.Id)).ToList();
        var checkedPages = await CheckAsync(Sorts, filters.Select(f => (f, (OptOutReason?)null)), DashboardTabKind.Contacts);
        Assert.True(checkedPages > 2_000, $"{checkedPages} pages checked");
    }

    [Fact]
    public async Task OptedOutTab_EverySortDirectionReasonAndSearch_PagesLikeTheInMemorySort()
    {
        var reasons = new OptOutReason?[] { null }.Concat(Enum.GetValues<OptOutReason>().Select(r => (OptOutReason?)r));
        var checkedPages = await CheckAsync(OptedOutSorts, reasons.Select(r => ((int?)null, r)), DashboardTabKind.OptedOut);
        Assert.True(checkedPages > 2_000, $"{checkedPages} pages checked");
    }

    [Fact]
    public async Task OtherContactsTab_EverySortDirectionAndSearch_PagesLikeTheInMemorySort()
    {
        var checkedPages = await CheckAsync(OtherSorts, [(null, null)], DashboardTabKind.Other);
        Assert.True(checkedPages > 300, $"{checkedPages} pages checked");
    }

    [Fact]
    public async Task EveryStatementTheGridRuns_IsValidTSql_ForTheSameShapes()
    {
        var statements = new HashSet<string>();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        repository.OnStatement = sql => statements.Add(sql(SqlServerSql.Grid.Instance));

        // Deep pages through the email and phone blocks and the Subscribe Date days too (page 3 and the last).
        repository.EmailBlocksFrom = 0;
        repository.PhoneBlocksFrom = 0;
        repository.SubscribeDaysFrom = 0;
        foreach (var walk in new bool?[] { true, false })
        {
            repository.ForceWalk = walk;
            repository.ForceLeadingSplit = walk;
            foreach (var search in Searches())
            {
                foreach (var (sort, list) in Sorts.SelectMany(s => new[] { (s, (int?)null), (s, fixture.Lists[0].Id) }))
                {
                    foreach (var page in new[] { 1, 3, 1_000 })
                    {
                        await repository.GetSubscribedAsync(fixture.Code.Id, new GridQuery(page, PageSize, sort, page == 3, search, list), CancellationToken.None);
                    }
                }

                foreach (var sort in OptedOutSorts)
                {
                    await repository.GetOptedOutAsync(fixture.Code.Id, new GridQuery(2, PageSize, sort, true, search, null, OptOutReason.Manual), CancellationToken.None);
                    await repository.GetOptedOutAsync(fixture.Code.Id, new GridQuery(1, PageSize, sort, false, search), CancellationToken.None);
                }

                foreach (var sort in OtherSorts)
                {
                    await repository.GetOtherContactsAsync(fixture.Code.Id, new GridQuery(1_000, PageSize, sort, false, search), CancellationToken.None);
                }
            }
        }

        Assert.True(statements.Count > 40, $"{statements.Count} statements");
        foreach (var statement in statements)
        {
            SqlServerSqlTests.AssertValidTSql(statement);
        }
    }

    [Fact]
    public async Task AGridRead_DoesNotWaitForAWriter_NorHoldItUp()
    {
        // Another connection writes (as an import's batch does) and holds the write lock meanwhile.
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(fixture.App.DataDirectory, "smscontacts.db")}");
        await writer.OpenAsync();
        await using var writing = writer.BeginTransaction(deferred: false);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var page = await repository.GetSubscribedAsync(fixture.Code.Id, new GridQuery(Sort: GridSort.Email, PhoneSearch: "212"), patience.Token);

        Assert.NotEmpty(page.Rows);
        await using var write = writer.CreateCommand();
        write.Transaction = writing;
        write.CommandText = "UPDATE SenderCodes SET HelpText = HelpText WHERE Id = 0";
        await write.ExecuteNonQueryAsync();
        await writing.RollbackAsync();
    }

    private enum DashboardTabKind
    {
        Contacts,
        OptedOut,
        Other,
    }

    private sealed record Row(long Id, string Phone, string? Email, string Key);

    private async Task<int> CheckAsync(string[] sorts, IEnumerable<(int? List, OptOutReason? Reason)> filters, DashboardTabKind tab)
    {
        var checkedPages = 0;
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        foreach (var (list, reason) in filters.ToList())
        {
            foreach (var typed in Searches())
            {
                var search = PhoneSearch.Parse(typed, "US");
                foreach (var sort in sorts)
                {
                    foreach (var descending in new[] { false, true })
                    {
                        var expected = Expected(tab, sort, descending, list, reason, search);
                        var lastPage = Math.Max(1, (expected.Count + PageSize - 1) / PageSize);
                        var walks = search.Filters ? new bool?[] { true, false } : [null];
                        foreach (var page in new[] { 1, 2, (lastPage + 1) / 2, lastPage - 1, lastPage, lastPage + 5 }.Where(p => p >= 1).Distinct())
                        {
                            // Phone, list-name and email order under "contains", and Subscribe Date order under any search: split at the
                            // leading ranges (or read through the days), or not (then walked or gathered).
                            var splits = tab == DashboardTabKind.Contacts && ((search.Kind == PhoneSearchKind.Contains && sort is GridSort.Phone or GridSort.ListName or GridSort.Email)
                                || (search.Filters && sort == GridSort.SubscribeDate)) ? new bool?[] { true, false } : [null];
                            foreach (var (walk, blocksFrom, split) in walks.SelectMany(w => sort is GridSort.Email or GridSort.Phone or GridSort.SubscribeDate ? new[] { (w, 0), (w, PageSize * 2) } : [(w, 0)])
                                .SelectMany(x => splits.Select(split => (x.Item1, x.Item2, split))))
                            {
                                // Email, phone and Subscribe Date order: located through their blocks or days (0), or walked from the
                                // nearer end when close to it.
                                repository.ForceWalk = walk;
                                repository.EmailBlocksFrom = blocksFrom;
                                repository.PhoneBlocksFrom = blocksFrom;
                                repository.SubscribeDaysFrom = blocksFrom;
                                repository.ForceLeadingSplit = split;
                                var query = new GridQuery(page, PageSize, sort, descending, typed, list, reason);
                                var (ids, total) = tab switch
                                {
                                    DashboardTabKind.Contacts => await repository.GetSubscribedAsync(fixture.Code.Id, query, CancellationToken.None) is var p ? (p.Rows.Select(r => r.SubscriptionId).ToList(), p.Total) : default,
                                    DashboardTabKind.OptedOut => await repository.GetOptedOutAsync(fixture.Code.Id, query, CancellationToken.None) is var o ? (o.Rows.Select(r => r.ContactId).ToList(), o.Total) : default,
                                    _ => await repository.GetOtherContactsAsync(fixture.Code.Id, query, CancellationToken.None) is var x ? (x.Rows.Select(r => r.ContactId).ToList(), x.Total) : default,
                                };

                                var shown = Math.Min(page, lastPage);
                                var want = expected.Skip((shown - 1) * PageSize).Take(PageSize).Select(r => r.Id).ToList();
                                var shape = $"{tab} sort={sort} desc={descending} list={list} reason={reason} q=\"{typed}\" page={page} walk={walk} blocksFrom={blocksFrom} split={split}";
                                Assert.True(expected.Count == total, $"{shape}: total {total}, expected {expected.Count}");
                                Assert.True(want.SequenceEqual(ids), $"{shape}: got [{string.Join(",", ids)}], expected [{string.Join(",", want)}]");
                                checkedPages++;
                            }
                        }
                    }
                }
            }
        }

        return checkedPages;
    }

    /// <summary>The tab's rows under the filters in the sort's order: ordinal text, missing values first, the grid's tie-breakers.</summary>
    private List<Row> Expected(DashboardTabKind tab, string sort, bool descending, int? list, OptOutReason? reason, PhoneSearch search)
    {
        if (search.Kind == PhoneSearchKind.NotAPhone)
        {
            return [];
        }

        var listNames = fixture.Lists.ToDictionary(l => l.Id, l => l.Name);
        IEnumerable<(long Id, string Phone, string? Email, object[] Keys)> rows = tab switch
        {
            DashboardTabKind.Contacts => fixture.Contacts.SelectMany(c => c.Subscriptions.Select(s => (c, s)))
                .Where(x => list is null || x.s.ListId == list)
                .Select(x => (x.s.Id, x.c.Phone, x.c.Email, sort switch
                {
                    GridSort.Phone => new object[] { x.c.Phone, x.s.Id },
                    GridSort.Email => [x.c.Email!, x.c.Phone, (long)x.s.ListId],
                    GridSort.ListName => [listNames[x.s.ListId], (long)x.s.ListId, x.c.Phone, x.s.Id],
                    _ => [x.s.SubscribedUtc, x.c.Phone, x.s.Id],
                })),
            DashboardTabKind.OptedOut => fixture.Contacts.Where(c => c.OptedOutUtc != null && (reason is null || c.OptOutReason == reason))
                .Select(c => (c.Id, c.Phone, c.Email, sort switch
                {
                    GridSort.Phone => new object[] { c.Phone, c.Id },
                    GridSort.Email => [c.Email!, c.Phone, c.Id],
                    GridSort.Reason => [(long)c.OptOutReason!.Value, c.OptedOutUtc!.Value, c.Phone, c.Id],
                    _ => [c.OptedOutUtc!.Value, c.Phone, c.Id],
                })),
            _ => fixture.Contacts.Where(c => c.OtherReplyUtc != null && c.OptedOutUtc == null)
                .Select(c => (c.Id, c.Phone, c.Email, sort switch
                {
                    GridSort.Phone => new object[] { c.Phone, c.Id },
                    GridSort.Email => [c.Email!, c.Phone, c.Id],
                    _ => [c.LastMessageUtc!, c.Phone, c.Id],
                })),
        };

        var ordered = rows.Where(r => search.Matches(r.Phone)).ToList();
        ordered.Sort((a, b) => CompareKeys(a.Keys, b.Keys));
        if (descending)
        {
            ordered.Reverse();
        }

        return ordered.Select(r => new Row(r.Id, r.Phone, r.Email, "")).ToList();
    }

    private static int CompareKeys(object[] a, object[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var order = (a[i], b[i]) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                (string x, string y) => string.CompareOrdinal(x, y),
                (IComparable x, var y) => x.CompareTo(y),
                _ => throw new InvalidOperationException("Not comparable"),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
