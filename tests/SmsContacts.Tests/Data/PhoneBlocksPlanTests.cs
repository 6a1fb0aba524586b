using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The Contacts tab in phone order, read through the kept phone blocks (Domain/SubscriptionPhoneCount), against the plain
/// walk of the phone index from the nearer end (what every page cost before the blocks): generated cases of page number
/// (mostly deep), page size, direction, list filter and "starts with" search (prefixes shorter than a block, a block
/// exactly, longer ones inside a block, across countries) give the same rows in the same order and the same total, and
/// that total is the rows counted in C#. Then SQLite's plan of every statement the block plan runs: each table is searched
/// through an index, none scanned.
/// </summary>
public sealed class PhoneBlocksPlanTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ADeepPhoneSortedPage_ThroughTheBlocks_IsThePlainWalksPage(int seed)
    {
        var random = new Random(seed);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        var statements = new List<string>();
        repository.OnStatement = sql => statements.Add(sql(SqliteGridDialect.Instance));
        var blockReads = 0;
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
            var query = new GridQuery(page, size, GridSort.Phone, descending, typed, list);
            var shape = $"q=\"{typed}\" list={list} size={size} desc={descending} page={page}/{lastPage}";

            repository.PhoneBlocksFrom = 0;
            statements.Clear();
            var throughBlocks = await repository.GetSubscribedAsync(fixture.Code.Id, query, CancellationToken.None);
            if (statements.Any(s => s.Contains("FROM SubscriptionPhoneCounts", StringComparison.Ordinal)) && statements.Any(s => s.Contains("@from", StringComparison.Ordinal)))
            {
                blockReads++;
                shapes.Add($"{(search.Kind == PhoneSearchKind.StartsWith ? search.Ranges[0].Low.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} list={list is not null}");
            }

            repository.PhoneBlocksFrom = int.MaxValue;
            var walked = await repository.GetSubscribedAsync(fixture.Code.Id, query, CancellationToken.None);

            Assert.True(matching == walked.Total, $"{shape}: the walk's total {walked.Total}, the rows {matching}");
            Assert.True(walked.Total == throughBlocks.Total, $"{shape}: total {throughBlocks.Total} through the blocks, {walked.Total} walked");
            Assert.True(walked.Page == throughBlocks.Page, $"{shape}: page {throughBlocks.Page} through the blocks, {walked.Page} walked");
            var (a, b) = (throughBlocks.Rows.Select(r => r.SubscriptionId).ToList(), walked.Rows.Select(r => r.SubscriptionId).ToList());
            Assert.True(a.SequenceEqual(b), $"{shape}: through the blocks [{string.Join(",", a)}], walked [{string.Join(",", b)}]");
            Assert.True(b.Count == Math.Min(size, matching - ((walked.Page - 1) * size)), $"{shape}: {b.Count} rows");
        }

        // The cases went through the blocks, of every kind of range and filter (not only near the ends).
        Assert.True(blockReads > 30, $"{blockReads} pages read through the blocks");
        Assert.True(shapes.Count >= 6, string.Join(", ", shapes));
    }

    [Fact]
    public async Task EveryStatementOfTheBlockPlan_SearchesAnIndex_AndScansNoTable()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        var statements = new HashSet<string>();
        repository.OnStatement = sql => statements.Add(sql(SqliteGridDialect.Instance));
        repository.PhoneBlocksFrom = 0;
        foreach (var list in new int?[] { null, fixture.Lists[1].Id })
        {
            foreach (var typed in new[] { "", "4", "+1415", "+14", "+141555", "+44" })
            {
                foreach (var descending in new[] { false, true })
                {
                    await repository.GetSubscribedAsync(fixture.Code.Id, new GridQuery(4, 10, GridSort.Phone, descending, typed, list), CancellationToken.None);
                }
            }
        }

        Assert.Contains(statements, s => s.Contains("FROM SubscriptionPhoneCounts", StringComparison.Ordinal) && s.Contains("@list", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("FROM SubscriptionPhoneCounts", StringComparison.Ordinal) && s.Contains("@sc", StringComparison.Ordinal));
        await SqliteStatements.AssertEachSearchesAnIndexAsync(fixture.App, statements);
    }

    [Fact]
    public async Task EveryStatementOfAContainsSearchSplitAtItsLeadingRanges_SearchesAnIndex_AndScansNoTable()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContactRepository>();
        var statements = new HashSet<string>();
        repository.OnStatement = sql => statements.Add(sql(SqliteGridDialect.Instance));
        repository.ForceLeadingSplit = true;
        var areaCode = fixture.Contacts.First(c => c.Phone.StartsWith("+1", StringComparison.Ordinal)).Phone[2..5];
        foreach (var list in new int?[] { null, fixture.Lists[1].Id })
        {
            foreach (var typed in new[] { areaCode, "141", "447", "000" })
            {
                foreach (var sort in new[] { GridSort.Phone, GridSort.ListName, GridSort.Email })
                {
                    foreach (var page in new[] { 1, 4, 9 })
                    {
                        await repository.GetSubscribedAsync(fixture.Code.Id, new GridQuery(page, 10, sort, page == 4, typed, list), CancellationToken.None);
                    }
                }
            }
        }

        Assert.Contains(statements, s => s.Contains(" NOT ", StringComparison.Ordinal) || s.Contains("SUM(CASE", StringComparison.Ordinal));
        // The search index is a virtual table: its "scan" is a lookup of the digits' trigrams. The blocks' grouping reads
        // its own subquery (b), not a table, and sorts it; gathered matches are sorted in the page's order.
        await SqliteStatements.AssertEachSearchesAnIndexAsync(fixture.App, statements,
            step => step.Contains("VIRTUAL TABLE", StringComparison.Ordinal) || step == "SCAN b" || step.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>No search, or "starts with": one or two digits, or "+" and a prefix of a real number of the fixture (2 to 9 characters).</summary>
    private string RandomSearch(Random random)
    {
        var phone = fixture.Contacts[random.Next(fixture.Contacts.Count)].Phone;
        return random.Next(6) switch
        {
            0 => "",
            1 => phone.Substring(random.Next(1, 3), random.Next(1, 3)),
            _ => phone[..random.Next(2, 10)],
        };
    }
}
