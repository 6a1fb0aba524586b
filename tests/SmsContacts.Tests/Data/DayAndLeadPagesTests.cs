using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The Subscribe Date days (SubscribeDayCounts) and the email blocks' leads: rows written by EF and by the bulk
/// import, on UTC midnights, one tick before them and across a year's end, US, UK and Irish numbers, two lists and a
/// second sender code; every page of the Subscribe Date order (both ways, with and without a list, under several searches)
/// read through the days must be the in-memory sort of the rows.
/// </summary>
public sealed class DayAndLeadPagesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private SenderCode _other = null!;
    private ContactList _a = null!;
    private ContactList _b = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _other = await _app.Data.SenderCodeAsync("78900");
        _a = await _app.Data.ListAsync(_code.Id, "A");
        _b = await _app.Data.ListAsync(_code.Id, "B");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly DateTime NewYear = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Phone(int i) => (i % 5) switch
    {
        0 => $"+1212555{i:D4}",
        1 => $"+1415555{i:D4}",
        2 => $"+447700{i:D6}",
        3 => $"+35385{i:D7}",
        _ => $"+1646555{i:D4}",
    };

    private async Task SeedAsync()
    {
        // EF rows: on midnights, one tick before midnight, across the year's end.
        var otherList = await _app.Data.ListAsync(_other.Id, "Other");
        for (var i = 0; i < 120; i++)
        {
            var at = (i % 4) switch
            {
                0 => NewYear.AddDays(i % 7),
                1 => NewYear.AddDays(i % 7).AddTicks(-1),
                2 => NewYear.AddDays(-(i % 9)).AddHours(i % 24),
                _ => NewYear.AddYears(-1).AddDays(i % 3),
            };
            await _app.Data.SubscribedAsync(_code.Id, Phone(i), at, i % 3 == 0 ? null : $"u{i}@example.com", SubscriptionStatus.Active, i % 2 == 0 ? [_a, _b] : [_a]);
        }

        // A second sender code on the same days.
        for (var i = 0; i < 30; i++)
        {
            await _app.Data.SubscribedAsync(_other.Id, Phone(i), NewYear.AddDays(i % 3), null, SubscriptionStatus.Active, otherList);
        }

        // The bulk import at midnight, one tick before, and mid-day.
        var dec = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var times = new[] { dec.AddTicks(-1), dec, dec.AddDays(31).AddHours(7) };
        for (var t = 0; t < times.Length; t++)
        {
            _app.Clock.SetUtcNow(new DateTimeOffset(times[t]));
            var driver = await ImportDriver.StartAsync(_app, _code);
            var rows = Enumerable.Range(1000 + (t * 100), 40).Select(i => $"{Phone(i)},{(i % 2 == 0 ? "" : $"imp{i}@example.org")}");
            await driver.ImportAsync("Phone,Email\n" + string.Join("\n", rows), ImportDriver.Settings(t == 0 ? _b.Id : _a.Id));
        }

        _app.Clock.SetUtcNow(new DateTimeOffset(dec.AddDays(60)));
        await KeptDayCounts.AssertEqualTheRowsAsync(_app, "setup");
    }

    [Fact]
    public async Task SubscribeDatePages_ThroughTheDays_AreTheRowsSortedInMemory()
    {
        await SeedAsync();

        var all = await _app.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == _code.Id)
            .Select(s => new { s.Id, s.ListId, s.Phone, s.SubscribedUtc }).ToListAsync());
        Assert.True(all.Count > 250, $"{all.Count} rows");

        await PagesAreTheInMemorySortAsync(GridSort.SubscribeDate, repository => (repository.SubscribeDaysFrom, repository.ForceLeadingSplit) = (0, true),
            ["", "4", "14", "+1 (4", "+44", "415", "+1415", "35", "+3", "2", "+35", "130", "353"],
            (search, list) => all.Where(s => (list is null || s.ListId == list) && search.Matches(s.Phone))
                .OrderBy(s => s.SubscribedUtc).ThenBy(s => s.Phone, StringComparer.Ordinal).ThenBy(s => s.Id).Select(s => s.Id).ToList());
    }

    [Fact]
    public async Task EmailPages_UnderLeadAndContainsSearches_AreTheRowsSortedInMemory()
    {
        await SeedAsync();
        var all = await _app.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == _code.Id)
            .Select(s => new { s.Id, s.ListId, s.Phone, s.Contact!.Email }).ToListAsync());

        // Through the blocks, and a "contains" search split at its leading ranges.
        await PagesAreTheInMemorySortAsync(GridSort.Email, repository => (repository.EmailBlocksFrom, repository.ForceWalk, repository.ForceLeadingSplit) = (0, true, true),
            ["", "4", "14", "+1 (4", "+44", "+1415", "35", "+3", "2", "+35", "+4", "415", "353", "130", "000"],
            (search, list) => all.Where(s => (list is null || s.ListId == list) && search.Matches(s.Phone))
                .OrderBy(s => s.Email is null ? 0 : 1).ThenBy(s => s.Email, StringComparer.Ordinal).ThenBy(s => s.Phone, StringComparer.Ordinal).ThenBy(s => s.ListId)
                .Select(s => s.Id).ToList());
    }

    /// <summary>
    /// Every page (first, second, middle, last but one, last, past the end; sizes 7 and 25; both directions; no list and
    /// each list) of the sort under each search equals the slice of <paramref name="expected"/> (ids in ascending order).
    /// </summary>
    private async Task PagesAreTheInMemorySortAsync(string sort, Action<ContactRepository> setUp, string[] searches, Func<PhoneSearch, int?, List<long>> expected)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        setUp(repository);
        var failures = new List<string>();
        foreach (var typed in searches)
        {
            var search = PhoneSearch.Parse(typed, "US");
            foreach (var list in new int?[] { null, _a.Id, _b.Id })
            {
                var ascending = expected(search, list);
                foreach (var descending in new[] { false, true })
                {
                    var ordered = descending ? Enumerable.Reverse(ascending).ToList() : ascending;
                    foreach (var size in new[] { 7, 25 })
                    {
                        var last = Math.Max(1, (ordered.Count + size - 1) / size);
                        foreach (var page in new[] { 1, 2, last / 2, last - 1, last, last + 2 }.Where(p => p >= 1).Distinct())
                        {
                            var got = await repository.GetSubscribedAsync(_code.Id, new GridQuery(page, size, sort, descending, typed, list), CancellationToken.None);
                            var want = ordered.Skip((Math.Min(page, last) - 1) * size).Take(size).ToList();
                            var ids = got.Rows.Select(r => r.SubscriptionId).ToList();
                            if (got.Total != ordered.Count || !ids.SequenceEqual(want))
                            {
                                failures.Add($"q=\"{typed}\" list={list} desc={descending} size={size} page={page}: total {got.Total} (want {ordered.Count}), rows [{string.Join(",", ids)}] want [{string.Join(",", want)}]");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} pages differ:\n{string.Join("\n", failures.Take(10))}");
    }
}
