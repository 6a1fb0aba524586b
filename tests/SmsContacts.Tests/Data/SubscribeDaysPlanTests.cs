using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The Contacts tab in Subscribe Date order, read through the kept days (Data/SubscribeDayCount), against the plain walk of
/// the date index from the nearer end: generated cases of page number (mostly deep), page size, direction, list filter and
/// search (none, one or two digits, "+" and a prefix, three digits or more) give the same rows in the same order and the
/// same total, and that total is the rows counted in C#. The fixture's dates fall on whole hours, midnights included, so
/// rows sit on the days' bounds. Then SQLite's plan of every statement the day plan runs: each table is searched through
/// an index, none scanned, nothing sorted but the days.
/// </summary>
public sealed class SubscribeDaysPlanTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ADeepSubscribeDatePage_ThroughTheDays_IsThePlainWalksPage(int seed)
    {
        var random = new Random(seed);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        var statements = new List<string>();
        repository.OnStatement = sql => statements.Add(sql(SqliteGridDialect.Instance));
        var dayReads = 0;
        var shapes = new HashSet<string>();

        for (var i = 0; i < 150; i++)
        {
            var typed = RandomSearch(random);
            var search = PhoneSearch.Parse(typed, "US");
            int? list = random.Next(3) == 0 ? null : fixture.Lists[random.Next(fixture.Lists.Count)].Id;
            var size = random.Next(4) == 0 ? ContactRepository.MaxPageSize : random.Next(1, 40);
            var descending = random.Next(2) == 0;
            var matching = fixture.Contacts.SelectMany(c => c.Subscriptions).Count(s => (list is null || s.ListId == list) && search.Matches(s.Phone));
            var lastPage = Math.Max(1, (matching + size - 1) / size);
            var page = random.Next(8) switch
            {
                0 => lastPage + random.Next(1, 4),
                1 => Math.Max(1, lastPage - random.Next(0, 3)),
                _ => random.Next(1, lastPage + 1),
            };
            var query = new GridQuery(page, size, GridSort.SubscribeDate, descending, typed, list);
            var shape = $"q=\"{typed}\" list={list} size={size} desc={descending} page={page}/{lastPage}";

            (repository.SubscribeDaysFrom, repository.ForceLeadingSplit) = (0, true);
            statements.Clear();
            var throughDays = await repository.GetSubscribedAsync(fixture.Code.Id, query, CancellationToken.None);
            if (statements.Any(s => s.Contains("@dayFrom", StringComparison.Ordinal)))
            {
                dayReads++;
                shapes.Add($"{search.Kind} list={list is not null}");
            }

            (repository.SubscribeDaysFrom, repository.ForceLeadingSplit) = (int.MaxValue, null);
            var walked = await repository.GetSubscribedAsync(fixture.Code.Id, query, CancellationToken.None);

            Assert.True(matching == walked.Total, $"{shape}: the walk's total {walked.Total}, the rows {matching}");
            Assert.True(walked.Total == throughDays.Total, $"{shape}: total {throughDays.Total} through the days, {walked.Total} walked");
            Assert.True(walked.Page == throughDays.Page, $"{shape}: page {throughDays.Page} through the days, {walked.Page} walked");
            var (a, b) = (throughDays.Rows.Select(r => r.SubscriptionId).ToList(), walked.Rows.Select(r => r.SubscriptionId).ToList());
            Assert.True(a.SequenceEqual(b), $"{shape}: through the days [{string.Join(",", a)}], walked [{string.Join(",", b)}]");
            Assert.True(b.Count == Math.Min(size, matching - ((walked.Page - 1) * size)), $"{shape}: {b.Count} rows");
        }

        // The cases went through the days, with and without a search and a list (not only near the ends).
        Assert.True(dayReads > 30, $"{dayReads} pages read through the days");
        Assert.True(shapes.Count >= 4, string.Join(", ", shapes));
    }

    [Fact]
    public async Task EveryStatementOfTheDayPlan_SearchesAnIndex_AndScansNoTable()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        var statements = new HashSet<string>();
        repository.OnStatement = sql => statements.Add(sql(SqliteGridDialect.Instance));
        (repository.SubscribeDaysFrom, repository.ForceLeadingSplit) = (0, true);
        foreach (var list in new int?[] { null, fixture.Lists[1].Id })
        {
            foreach (var typed in new[] { "", "4", "14", "+1 (4", "+4", "+1415", "415", "141" })
            {
                foreach (var descending in new[] { false, true })
                {
                    await repository.GetSubscribedAsync(fixture.Code.Id, new GridQuery(4, 10, GridSort.SubscribeDate, descending, typed, list), CancellationToken.None);
                }
            }
        }

        Assert.Contains(statements, s => s.Contains("FROM SubscribeDayCounts", StringComparison.Ordinal) && s.Contains("k.ListId", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("FROM SubscribeDayCounts", StringComparison.Ordinal) && s.Contains("k.SenderCodeId", StringComparison.Ordinal));
        // The days are grouped by their day (a few thousand counts, sorted); a "contains" search's other matches come
        // from the search index, a virtual table.
        await SqliteStatements.AssertEachSearchesAnIndexAsync(fixture.App, statements,
            step => step.StartsWith("USE TEMP B-TREE FOR", StringComparison.Ordinal) || step == "SCAN days" || step.Contains("VIRTUAL TABLE", StringComparison.Ordinal));
    }

    /// <summary>No search, one or two digits, "+" and a prefix of a real number (2 to 9 characters), or three to five digits from inside one.</summary>
    private string RandomSearch(Random random)
    {
        var phone = fixture.Contacts[random.Next(fixture.Contacts.Count)].Phone;
        return random.Next(6) switch
        {
            0 => "",
            1 or 2 => phone.Substring(random.Next(1, 3), random.Next(1, 3)),
            3 => phone.Substring(random.Next(1, phone.Length - 5), random.Next(3, 6)),
            _ => phone[..random.Next(2, 10)],
        };
    }
}
