using System.Globalization;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Contacts;

public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task ContactsTab_ShowsOneRowPerSubscription_WithTheSeedsColumns()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync("/contacts?size=200");

        Assert.Equal(["Phone", "Email", "Subscribe Date", "List Name"], Grid.Headers(page));
        var rows = Grid.Rows(page);
        Assert.Equal(fixture.SubscriptionRows, rows.Count);

        // Contact 2 is on both lists: two rows, one per list.
        var both = rows.Where(r => r["Phone"].StartsWith(TestPhones.Us(2), StringComparison.Ordinal)).Select(r => r["List Name"]).Order().ToList();
        Assert.Equal(["Promotions", "VIP"], both);
        Assert.Contains($"of {fixture.SubscriptionRows} subscriptions", page.QuerySelector("nav[aria-label=Pages]")!.TextContent);
    }

    [Fact]
    public async Task ContactsTab_MarksSubscriptionsWaitingForDoubleOptIn_AsPending()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync($"/contacts?q={TestPhones.Us(100)}");

        var row = Assert.Single(Grid.Rows(page));
        Assert.Contains("Pending", row["Phone"]);
    }

    [Fact]
    public async Task ContactsTab_DefaultsToAllLists_AndFiltersByOneList()
    {
        using var client = await App.SignInAsync();
        var all = await client.GetPageAsync("/contacts");
        var listSelect = all.QuerySelector("#list-filter")!;
        Assert.Equal("All Lists", listSelect.QuerySelector("option[selected]")?.TextContent ?? listSelect.QuerySelector("option")!.TextContent);
        Assert.Equal("List", all.QuerySelector("label[for=list-filter]")!.TextContent);

        var vip = await client.GetPageAsync($"/contacts?list={fixture.Vip.Id}&size=200");
        var rows = Grid.Rows(vip);
        Assert.All(rows, r => Assert.Equal("VIP", r["List Name"]));
        Assert.Equal(40 + 2, rows.Count);
        Assert.Equal(rows.Count, Grid.Phones(vip).Distinct().Count());
    }

    [Fact]
    public async Task ContactsTab_IgnoresAListOfAnotherSenderCode()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync($"/contacts?list={fixture.ListOfB.Id}&size=200");

        Assert.Equal(fixture.SubscriptionRows, Grid.Rows(page).Count);
        Assert.DoesNotContain(Grid.Rows(page), r => r["List Name"] == "Outlet News");
    }

    [Fact]
    public async Task Paging_WalksEveryRowOnce()
    {
        using var client = await App.SignInAsync();
        var seen = new List<string>();
        for (var pageNumber = 1; pageNumber <= 4; pageNumber++)
        {
            var page = await client.GetPageAsync($"/contacts?size=25&page={pageNumber}&sort=phone&dir=asc");
            seen.AddRange(Grid.Rows(page).Select(r => r["Phone"].Split(' ')[0] + "|" + r["List Name"]));
            Assert.Contains($"Page {pageNumber} of 4", page.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        }

        Assert.Equal(fixture.SubscriptionRows, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Paging_PastTheLastPage_ShowsTheLastPage()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync("/contacts?size=50&page=999");

        Assert.Equal(fixture.SubscriptionRows - 50, Grid.Rows(page).Count);
    }

    [Theory]
    [InlineData("contacts", "phone", "Phone")]
    [InlineData("contacts", "email", "Email")]
    [InlineData("contacts", "subscribed", "Subscribe Date")]
    [InlineData("contacts", "list", "List Name")]
    [InlineData("opted-out", "phone", "Phone")]
    [InlineData("opted-out", "email", "Email")]
    [InlineData("opted-out", "optedout", "Opt-out Date")]
    [InlineData("opted-out", "reason", "Reason")]
    [InlineData("other", "phone", "Phone")]
    [InlineData("other", "lastmessage", "Last Message Date")]
    [InlineData("other", "email", "Email")]
    public async Task EveryColumn_SortsInBothDirections(string tab, string sort, string header)
    {
        using var client = await App.SignInAsync();
        foreach (var descending in new[] { false, true })
        {
            var page = await client.GetPageAsync($"/contacts?tab={tab}&sort={sort}&dir={(descending ? "desc" : "asc")}&size=200");
            var values = Grid.Rows(page).Select(r => r[header].Replace("Pending", "").Trim()).ToList();
            Assert.True(values.Count > 2, $"{tab} has rows");

            var nonEmpty = values.Where(v => v.Length > 0).ToList();
            var expected = descending ? nonEmpty.OrderByDescending(v => v, SortKey(header)).ToList() : nonEmpty.OrderBy(v => v, SortKey(header)).ToList();
            Assert.Equal(expected, nonEmpty);

            // Empty values (no email) come first ascending and last descending, never mixed in.
            var firstEmpty = values.IndexOf("");
            if (firstEmpty >= 0)
            {
                Assert.True(descending ? values.Skip(firstEmpty).All(v => v == "") : values.Take(values.LastIndexOf("") + 1).All(v => v == ""));
            }

            var th = page.QuerySelectorAll("#grid th").Single(t => t.TextContent.Contains(header, StringComparison.Ordinal));
            Assert.Equal(descending ? "descending" : "ascending", th.GetAttribute("aria-sort"));
        }
    }

    [Theory]
    [InlineData("+12122000004")]
    [InlineData("(212) 200-0004")]
    [InlineData("212.200.0004")]
    [InlineData("12122000004")]
    public async Task Search_FindsAPhoneTypedAnyWay(string typed)
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync($"/contacts?q={Uri.EscapeDataString(typed)}");

        var row = Assert.Single(Grid.Rows(page));
        Assert.StartsWith(TestPhones.Us(4), row["Phone"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1212200001")]
    [InlineData("212 200 001")]
    [InlineData("1212200001")]
    public async Task Search_MatchesNumbersThatStartWithTheTypedDigits(string typed)
    {
        using var client = await App.SignInAsync();

        // Contacts 10-19 are +1212200001x: the typed digits start them, internationally or after the country code.
        var page = await client.GetPageAsync($"/contacts?q={Uri.EscapeDataString(typed)}&size=200");
        Assert.Equal(Enumerable.Range(10, 10).Select(TestPhones.Us).Order().ToList(), Grid.Phones(page).Distinct().Order().ToList());
    }

    [Fact]
    public async Task Search_FindsTheTypedDigitsAnywhereInTheNumber_OnEveryTab()
    {
        using var client = await App.SignInAsync();

        // The last four digits of contact 4 also sit inside contacts 40-49 (+121220000 4x).
        var expected = Enumerable.Range(0, DashboardFixture.SubscribedContacts).Select(TestPhones.Us).Where(p => p.Contains("0004", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(expected, Grid.Phones(await client.GetPageAsync("/contacts?q=0004&size=200")).Distinct().Order());
        Assert.Equal([TestPhones.Us(203)], Grid.Phones(await client.GetPageAsync("/contacts?tab=opted-out&q=0203")));
        Assert.Equal([TestPhones.Us(301)], Grid.Phones(await client.GetPageAsync("/contacts?tab=other&q=301")));
    }

    [Fact]
    public async Task Search_DigitsFromTheMiddleOfANumber_Match()
    {
        using var client = await App.SignInAsync();

        // "2000005" is neither the start nor the end of +12122000005.
        Assert.Equal([TestPhones.Us(5)], Grid.Phones(await client.GetPageAsync("/contacts?q=2000005")).Distinct());
    }

    [Theory]
    [InlineData("john")]
    [InlineData("*")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("212a")]
    [InlineData("😀")]
    public async Task Search_WithLettersOrSymbols_SaysSearchIsByPhoneNumber_AndShowsNoRows(string typed)
    {
        using var client = await App.SignInAsync();
        foreach (var tab in new[] { "contacts", "opted-out", "other" })
        {
            var page = await client.GetPageAsync($"/contacts?tab={tab}&q={Uri.EscapeDataString(typed)}");

            Assert.Empty(Grid.Rows(page));
            Assert.Contains("Search is by phone number", page.QuerySelector("#search-not-a-phone")!.TextContent);
        }
    }

    [Fact]
    public async Task Search_SortsAndPagesItsMatches_LikeTheFullGrid()
    {
        using var client = await App.SignInAsync();
        var first = await client.GetPageAsync("/contacts?q=%2B1212200000&sort=email&dir=desc&size=5");
        var second = await client.GetPageAsync("/contacts?q=%2B1212200000&sort=email&dir=desc&size=5&page=2");

        // +1212200000x: contacts 0-9 (13 rows, contacts 2, 5 and 8 being on two lists).
        Assert.Contains("of 13 subscriptions", first.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        var emails = Grid.Column(first, "Email").Concat(Grid.Column(second, "Email")).ToList();
        Assert.Equal(10, emails.Count);
        Assert.Equal(emails.OrderByDescending(e => e, StringComparer.Ordinal), emails);
    }

    [Fact]
    public async Task Search_AMatchThatIsTooBroadToPageInMemory_StillCountsAndPagesCorrectly()
    {
        using var client = await App.SignInAsync();

        // Every number of the sender code starts with +1: a search for "1" matches them all.
        var page = await client.GetPageAsync("/contacts?q=1&size=50");
        Assert.Contains($"of {fixture.SubscriptionRows} subscriptions", page.QuerySelector("nav[aria-label=Pages]")!.TextContent);
    }

    [Fact]
    public async Task Search_WithNoMatch_SaysSo()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync("/contacts?q=999999999");

        Assert.Empty(Grid.Rows(page));
        Assert.Contains("No subscriptions with phone numbers containing 999999999", page.QuerySelector("#grid [role=status]")!.TextContent);
    }

    [Fact]
    public async Task OptedOutTab_ShowsOneRowPerContact_AndFiltersByReason()
    {
        using var client = await App.SignInAsync();
        var all = await client.GetPageAsync("/contacts?tab=opted-out");
        Assert.Equal(["Phone", "Email", "Opt-out Date", "Reason"], Grid.Headers(all));
        Assert.Equal(10, Grid.Rows(all).Count);
        Assert.Equal("All", all.QuerySelector("#reason-filter option")!.TextContent);

        var banned = await client.GetPageAsync("/contacts?tab=opted-out&reason=Banned");
        var rows = Grid.Rows(banned);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Banned", r["Reason"]));

        var stop = await client.GetPageAsync("/contacts?tab=opted-out&reason=StopKeyword");
        Assert.All(Grid.Rows(stop), r => Assert.Equal("STOP keyword", r["Reason"]));
    }

    [Fact]
    public async Task OtherContactsTab_ShowsNumbersWhoseReplyWasInvalid()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync("/contacts?tab=other");

        Assert.Equal(["Phone", "Last Message Date", "Email"], Grid.Headers(page));
        Assert.Equal([TestPhones.Us(301), TestPhones.Us(300), TestPhones.Us(302)], Grid.Phones(page));
    }

    [Fact]
    public async Task Tabs_AreNamedAsInTheSeed_AndMarkTheCurrentOne()
    {
        using var client = await App.SignInAsync();
        var page = await client.GetPageAsync("/contacts?tab=opted-out");

        var tabs = page.QuerySelectorAll("[role=tab]").Select(t => (t.TextContent.Trim(), t.GetAttribute("aria-selected"))).ToList();
        Assert.Equal([("Contacts", "false"), ("Opted-Out", "true"), ("Other Contacts", "false")], tabs);
        Assert.NotNull(page.QuerySelector("select[aria-label='Sender code']"));
        Assert.Equal("Search", page.QuerySelector("label[for=phone-search]")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Show/Hide Column");
    }

    [Fact]
    public async Task SearchBox_AsksForTheGridAlone_WhenTypingWithHtmx()
    {
        using var client = await App.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/contacts?q={TestPhones.Us(4)[2..]}");
        request.Headers.Add("HX-Request", "true");
        var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = await TestClient.ParseAsync($"<div id=grid>{html}</div>");
        Assert.Single(Grid.Rows(fragment));
    }

    [Fact]
    public async Task SearchBox_RedrawingTheGrid_BringsExportAndTheActionsReturnAddressUpToTheSearch()
    {
        using var client = await App.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/contacts?tab=contacts&list={fixture.Vip.Id}&q=2000005");
        request.Headers.Add("HX-Request", "true");
        var html = await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync();
        var fragment = await TestClient.ParseAsync($"<div id=grid>{html}</div>");

        // htmx swaps these into the page outside the grid (hx-swap-oob): a search typed without Enter is what gets exported.
        var export = fragment.QuerySelector("#configure-export")!;
        Assert.Equal("true", export.GetAttribute("hx-swap-oob"));
        Assert.Equal($"/exports/new?tab=contacts&list={fixture.Vip.Id}&q=2000005", System.Net.WebUtility.HtmlDecode(export.GetAttribute("href")));
        Assert.Contains("q=2000005", fragment.QuerySelector("#grid-selection-return")!.GetAttribute("value"));
        Assert.Contains("q=2000005", fragment.QuerySelector("#columns-return")!.GetAttribute("value"));

        // The whole page has the same link, without the out-of-band marker.
        var page = await client.GetPageAsync($"/contacts?q=2000005");
        Assert.Null(page.QuerySelector("#configure-export")!.GetAttribute("hx-swap-oob"));
        Assert.Contains("q=2000005", page.QuerySelector("#configure-export")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchBox_HistoryRestore_GetsTheWholePage()
    {
        using var client = await App.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/contacts?q=2000005");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-History-Restore-Request", "true");
        var html = await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SenderCodeScope_NeverShowsAContactOfAnotherCode()
    {
        await App.Data.UserAsync("scope-tester@example.com", UserRole.Marketer);
        using var client = await App.SignInAsync("scope-tester@example.com", "marketer-password-1");

        var underA = await client.GetPageAsync("/contacts?size=200");
        string[] emailsOfB = ["b-same-number@example.com", "b0@example.com", "b1@example.com", "b2@example.com", "b3@example.com"];
        Assert.DoesNotContain(Grid.Rows(underA), r => emailsOfB.Contains(r["Email"]) || r["List Name"] == "Outlet News");

        var switched = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = fixture.CodeB.Id.ToString(CultureInfo.InvariantCulture), ["returnUrl"] = "/contacts" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, switched.StatusCode);

        var underB = await client.GetPageAsync("/contacts?size=200");
        var rows = Grid.Rows(underB);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal("Outlet News", r["List Name"]));

        // The same phone number exists on both codes: under B it carries B's data only.
        var same = Assert.Single(rows, r => r["Phone"] == TestPhones.Us(0));
        Assert.Equal("b-same-number@example.com", same["Email"]);

        Assert.Equal([TestPhones.Us(600)], Grid.Phones(await client.GetPageAsync("/contacts?tab=opted-out")));
        Assert.Equal([TestPhones.Us(700)], Grid.Phones(await client.GetPageAsync("/contacts?tab=other")));

        // The choice sticks across sign-ins.
        using var again = await App.SignInAsync("scope-tester@example.com", "marketer-password-1");
        Assert.Equal(5, Grid.Rows(await again.GetPageAsync("/contacts?size=200")).Count);
    }

    [Fact]
    public async Task SwitchingToASenderCodeThatDoesNotExist_IsNotFound()
    {
        using var client = await App.SignInAsync();
        var response = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = "987654" });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HiddenColumns_StayHiddenAcrossSignIns_ForThatUserOnly()
    {
        await App.Data.UserAsync("columns-tester@example.com", UserRole.Marketer);
        using var client = await App.SignInAsync("columns-tester@example.com", "marketer-password-1");

        var response = await client.SubmitFormAsync("/contacts", "form[action='/contacts/columns']", new() { ["visible"] = "subscribed" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Phone", "Subscribe Date"], Grid.Headers(await client.GetPageAsync("/contacts")));

        using var later = await App.SignInAsync("columns-tester@example.com", "marketer-password-1");
        var page = await later.GetPageAsync("/contacts");
        Assert.Equal(["Phone", "Subscribe Date"], Grid.Headers(page));
        Assert.Equal(2, Grid.Rows(page)[0].Count);
        Assert.False(page.QuerySelector("#col-email")!.HasAttribute("checked"));

        // Each tab remembers its own columns; other users keep theirs.
        Assert.Equal(["Phone", "Email", "Opt-out Date", "Reason"], Grid.Headers(await later.GetPageAsync("/contacts?tab=opted-out")));
        using var admin = await App.SignInAsync();
        Assert.Equal(["Phone", "Email", "Subscribe Date", "List Name"], Grid.Headers(await admin.GetPageAsync("/contacts")));
    }

    [Fact]
    public async Task ColumnChooser_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = await App.SignInAsync();
        var response = await client.Http.PostAsync("/contacts/columns", new FormUrlEncodedContent([new("tab", "contacts"), new("visible", "email")]));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static IComparer<string> SortKey(string header) => header switch
    {
        "Subscribe Date" or "Opt-out Date" or "Last Message Date" => Comparer<string>.Create((a, b) =>
            ShownUtc(a).CompareTo(ShownUtc(b))),
        "Reason" => Comparer<string>.Create((a, b) => ReasonOrder(a).CompareTo(ReasonOrder(b))),
        _ => StringComparer.Ordinal,
    };

    /// <summary>A date as the grid shows it to a user in UTC ("Mar 1, 2026 8:30 AM UTC"), back to the instant.</summary>
    private static DateTime ShownUtc(string shown) =>
        DateTime.ParseExact(shown, "MMM d, yyyy h:mm tt 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static int ReasonOrder(string display) =>
        (int)Enum.GetValues<OptOutReason>().Single(r => SmsContacts.Web.Infrastructure.Web.DisplayExtensions.DisplayName(r) == display);
}
