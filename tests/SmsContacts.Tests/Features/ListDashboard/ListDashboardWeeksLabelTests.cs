using System.Globalization;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>Attack on what a long range's page says: the range's words, the weeks' labels in the table, the chart and the CSV.</summary>
public sealed class ListDashboardWeeksLabelTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN");
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(1, 6).Select(TestPhones.Us)) + "\n", ["phone"]);
        _client = await _app.SignInAsync();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>92 days: days; 93, 98 (whole weeks), 99 (a one-day last week), swapped: weeks, and the words say how long the last is.</summary>
    [Theory]
    [InlineData("2026-09-01", "2026-12-01", 92, null)]
    [InlineData("2026-08-31", "2026-12-01", 14, "the last one 2 days")]
    [InlineData("2026-08-26", "2026-12-01", 14, "(seven days each from Aug 26, 2026):")]
    [InlineData("2026-08-25", "2026-12-01", 15, "the last one 1 day)")]
    [InlineData("2026-12-01", "2026-08-25", 15, "the last one 1 day)")]
    public async Task TheRangesLength_DecidesDaysOrWeeks_AndThePageSaysSo(string from, string to, int rows, string? said)
    {
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from={from}&to={to}");
        var words = page.QuerySelector("#range-words")!.TextContent;
        Assert.Equal(rows, page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Length);
        Assert.Equal(said is null ? "Date" : "Week", page.QuerySelector("#chart-subscribers-title ~ details thead th")!.TextContent.Trim());
        if (said is null)
        {
            Assert.DoesNotContain("count weeks", words);
        }
        else
        {
            Assert.Contains(said, words);
        }
    }

    /// <summary>
    /// A long range whose last week is one day (99 days, or 365 = 52 weeks and a day): the CSV names it From and To (the same
    /// day), and so do the chart's table, under "Week", and the chart's own labels ("yyyy-MM-dd – yyyy-MM-dd", as every
    /// other week): a week's label looks like a week's, not like a day of a daily chart (the attack found a bare date).
    /// </summary>
    [Theory]
    [InlineData("2026-08-25", "2026-12-01")]
    [InlineData("2025-12-01", "2026-11-30")]
    public async Task AOneDayLastWeek_IsLabelledAsAWeek_InTheTableAndTheChart_AsInItsCsv(string from, string to)
    {
        var query = $"range=custom&from={from}&to={to}";
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{query}");
        Assert.Equal("Week", page.QuerySelector("#chart-subscribers-title ~ details thead th")!.TextContent.Trim());
        var csv = (await (await _client.GetAsync($"{ListDashboardController.Path}/subscribers.csv?{query}")).Content.ReadAsStringAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal([to, to], csv[^1].Take(2));

        var table = page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal($"{to} – {to}", table[^1]);
        var labels = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#chart-subscribers")!.GetAttribute("data-chart")!).RootElement.GetProperty("labels");
        Assert.Equal($"{to} – {to}", labels[labels.GetArrayLength() - 1].GetString());
    }
}
