using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Tests.Infrastructure.Csv;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Features.Export;

[Collection(ExportCollection.Name)]
public sealed partial class ExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private static readonly string[] SeedColumns =
    [
        "Phone Number", "List Name", "Last Send Date", "Last Click Date", "Subscribe Date", "Subscribe Method",
        "Email Address", "First Name", "Last Name", "Postal Code", "Birthday", "Compliance Last Sent Date", "Keyword",
        "Status",
    ];

    private AppFactory App => fixture.App;

    [Fact]
    public async Task Export_EmailsTheRecipientALink_WhoseCsvIsTheFilteredRowsOfTheDatabase()
    {
        using var admin = await App.SignInAsync();

        // The Export button carries the tab's filters: list VIP and the start of a phone number (212-200-001x).
        var dashboard = await admin.GetPageAsync($"/contacts?list={fixture.Vip.Id}&q=212200001");
        var button = dashboard.QuerySelector("a#configure-export")!;
        Assert.Equal("Export", string.Concat(button.ChildNodes.Where(n => n is not AngleSharp.Dom.IElement { LocalName: "span" } icon || icon.GetAttribute("aria-hidden") != "true").Select(n => n.TextContent)).Trim());
        Assert.Equal("Configure Export", button.GetAttribute("title"));
        var configureUrl = button.GetAttribute("href")!;

        var configure = await admin.GetPageAsync(configureUrl);
        Assert.Contains("List VIP", configure.QuerySelector("form#configure-export")!.TextContent);
        var response = await fixture.SubmitExportAsync(admin, configureUrl, fixture.MarketerId);
        var (_, confirmation) = await admin.FollowAsync(response);
        Assert.Contains("Export queued", confirmation.QuerySelector("[role=status]")!.TextContent);

        var export = await fixture.LatestExportAsync();
        Assert.Equal(ExportStatus.Queued, export.Status);
        Assert.Equal("Queued", ExportExpectations.Badge(confirmation, export.Id));

        export = await fixture.RunExportAsync(export.Id);
        Assert.Equal(ExportStatus.Completed, export.Status);

        var email = fixture.Smtp.LastTo(ExportFixture.MarketerEmail);
        var link = LinkIn(email);
        Assert.Equal("https://contacts.example.com/exports/download", link.GetLeftPart(UriPartial.Path));

        using var marketer = await App.SignInAsync(ExportFixture.MarketerEmail, ExportFixture.Password);
        var download = await marketer.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(ExportDownloads.FileName, download.Content.Headers.ContentDisposition.FileName?.Trim('"'));

        var csv = CsvFile.Parse(await download.Content.ReadAsByteArrayAsync());
        Assert.True(csv.HasByteOrderMark);
        Assert.Equal([.. SeedColumns, "Favorite Store", "Loyalty Points", "Member Since"], csv.Headers);

        var expected = await App.WithDbAsync(db => db.Subscriptions.AsNoTracking()
            .Where(s => s.SenderCodeId == fixture.CodeA.Id && s.ListId == fixture.Vip.Id && s.Phone.StartsWith("+1212200001"))
            .Include(s => s.Contact!).ThenInclude(c => c.CustomFieldValues)
            .ToListAsync());
        Assert.Equal(6, expected.Count);
        Assert.Equal(export.RowCount, csv.Rows.Count);
        Assert.Equal(expected.Select(s => s.Phone).Order(), csv.Rows.Select(r => r["Phone Number"]).Order());
        foreach (var subscription in expected)
        {
            var row = csv.Rows.Single(r => r["Phone Number"] == subscription.Phone);
            ExportExpectations.AssertRowMatches(row, subscription.Contact!, fixture.Fields, "VIP", subscription);
        }
    }

    [Fact]
    public async Task Export_OfAllLists_HasOneRowPerList_AndNothingOfAnotherSenderCode()
    {
        var (export, csv) = await ExportAsync("/exports/new?tab=contacts", fixture.MarketerId, ExportFixture.MarketerEmail);

        Assert.Equal(40, csv.Rows.Count);
        Assert.Equal(40, export.RowCount);
        var twoLists = csv.Rows.Where(r => r["Phone Number"] == TestPhones.Us(2)).ToList();
        Assert.Equal(["Promotions", "VIP"], twoLists.Select(r => r["List Name"]).Order());
        Assert.Equal("Keyword", twoLists.Single(r => r["List Name"] == "Promotions")["Subscribe Method"]);
        Assert.Equal("PROMO", twoLists.Single(r => r["List Name"] == "Promotions")["Keyword"]);
        Assert.DoesNotContain("Outlet Only", csv.Headers);

        // A double opt-in waiting for Y is marked, so the file does not pass it off as a subscriber.
        var expected = await App.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == fixture.CodeA.Id)
            .Select(s => new { s.Phone, s.List!.Name, s.Status }).ToListAsync());
        Assert.Contains(expected, s => s.Status == SubscriptionStatus.Pending);
        foreach (var subscription in expected)
        {
            var row = csv.Rows.Single(r => r["Phone Number"] == subscription.Phone && r["List Name"] == subscription.Name);
            Assert.Equal(subscription.Status == SubscriptionStatus.Pending ? "Pending" : "Subscribed", row["Status"]);
        }

        Assert.DoesNotContain(csv.Rows, r => r["List Name"] == "Outlet News");
        Assert.DoesNotContain(csv.Rows, r => r["Phone Number"].StartsWith("+1212200010", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_OfTheOptedOutTab_CarriesOptOutDateAndReason_AndKeepsTheReasonFilter()
    {
        var (_, csv) = await ExportAsync("/exports/new?tab=opted-out&reason=StopKeyword", fixture.MarketerId, ExportFixture.MarketerEmail);

        Assert.Equal([.. SeedColumns, "Opt-out Date", "Reason", "Favorite Store", "Loyalty Points", "Member Since"], csv.Headers);
        Assert.Equal([TestPhones.Us(100), TestPhones.Us(103)], csv.Rows.Select(r => r["Phone Number"]).Order());
        var first = csv.Rows.Single(r => r["Phone Number"] == TestPhones.Us(100));
        Assert.Equal("STOP keyword", first["Reason"]);
        Assert.Equal("Opted out", first["Status"]);
        Assert.Equal("2026-03-11T08:30:00Z", first["Opt-out Date"]);
        Assert.Equal("", first["List Name"]);
        Assert.Equal("Opted-out store 0", first["Favorite Store"]);
    }

    [Fact]
    public async Task Export_NeutralizesFormulaPayloads_ButLeavesE164PhonesAndNumbersAsTheyAre()
    {
        var (_, csv) = await ExportAsync("/exports/new?tab=contacts&q=2000011", fixture.MarketerId, ExportFixture.MarketerEmail);
        var row = csv.Rows.First(r => r["Phone Number"] == TestPhones.Us(ExportFixture.FormulaContact));

        Assert.Equal("'" + ExportFixture.Payloads.First, row["First Name"]);
        Assert.Equal("'" + ExportFixture.Payloads.Last, row["Last Name"]);
        Assert.Equal("'" + ExportFixture.Payloads.Postal, row["Postal Code"]);
        Assert.Equal("'" + ExportFixture.Payloads.Store, row["Favorite Store"]);
        Assert.Equal("'\t'=1+1", row["Member Since"]);
        Assert.Equal("10;'=1+1", row["Loyalty Points"]);
        Assert.Equal("''=already-quoted@example.com", row["Email Address"]);

        // The decision that keeps the round trip: a phone is "+digits", a number a spreadsheet cannot run.
        Assert.Equal(TestPhones.Us(ExportFixture.FormulaContact), row["Phone Number"]);
        var all = (await ExportAsync("/exports/new?tab=contacts&q=2000000", fixture.MarketerId, ExportFixture.MarketerEmail)).Csv;
        Assert.Equal("-12.5", all.Rows.First(r => r["Phone Number"] == TestPhones.Us(0))["Loyalty Points"]);
        Assert.All(csv.Headers.Concat(csv.Rows.Concat(all.Rows).SelectMany(r => r.Values)), cell => SpreadsheetView.AssertNoFormula(cell, "export"));
    }

    [Fact]
    public async Task Export_ReadBackAsAnImportWould_GivesBackEveryProfileValueExactly()
    {
        var (_, csv) = await ExportAsync("/exports/new?tab=contacts", fixture.MarketerId, ExportFixture.MarketerEmail);
        var contacts = await App.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues)
            .Where(c => c.SenderCodeId == fixture.CodeA.Id && c.OptedOutUtc == null).ToListAsync());

        foreach (var contact in contacts)
        {
            var row = csv.Rows.First(r => r["Phone Number"] == contact.Phone);

            // What the import wizard does with a cell: undo the guard, normalise the phone, parse dates invariantly.
            string? Read(string column) => CsvFormulaGuard.Restore(row[column]) is { Length: > 0 } v ? v : null;
            Assert.Equal(contact.Phone, PhoneNormalizer.Normalize(Read("Phone Number")!, "US").E164);
            Assert.Equal(contact.Email, Read("Email Address"));
            Assert.Equal(contact.FirstName, Read("First Name"));
            Assert.Equal(contact.LastName, Read("Last Name"));
            Assert.Equal(contact.PostalCode, Read("Postal Code"));
            Assert.Equal(contact.Birthday, Read("Birthday") is { } b ? DateOnly.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
            foreach (var field in fixture.Fields)
            {
                Assert.Equal(contact.CustomFieldValues.SingleOrDefault(v => v.FieldId == field.Id)?.Value, Read(field.Name));
            }
        }
    }

    [Fact]
    public async Task Link_BuiltFromThePublicBaseUrl_EvenWhenTheRequestCameWithAnotherHost()
    {
        using var admin = await App.SignInAsync();
        admin.Http.DefaultRequestHeaders.Host = "attacker.example.net";
        await fixture.SubmitExportAsync(admin, "/exports/new?tab=contacts&q=2000029", fixture.OtherId);
        var export = await fixture.RunExportAsync((await fixture.LatestExportAsync()).Id);

        var link = LinkIn(fixture.Smtp.LastTo(ExportFixture.OtherEmail));
        Assert.Equal("contacts.example.com", link.Host);
        Assert.Equal(2, export.RowCount); // contact 29 is on both lists
    }

    [Fact]
    public async Task Link_HoldsAtLeast128RandomBits_AndOnlyItsSha256IsStored()
    {
        var (export, _, link) = await ExportWithLinkAsync("/exports/new?tab=contacts&q=2000027", fixture.MarketerId, ExportFixture.MarketerEmail);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        Assert.True(Convert.FromBase64String(Base64(token)).Length * 8 >= 128);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), export.TokenHash);
        var stored = await App.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT CAST(Id AS TEXT) || COALESCE(StoredFileName, '') || COALESCE(PhoneSearch, '') || RecipientEmail AS Value FROM Exports").ToListAsync());
        Assert.DoesNotContain(stored, s => s.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_AfterThreeDays_AnswersThatItHasExpired_AndTheCleanupDeletesTheFile()
    {
        await using var expiring = new AppFactory(fixture.Smtp.AppSettings());
        var code = await expiring.Data.SenderCodeAsync("55123");
        var list = await expiring.Data.ListAsync(code.Id, "VIP");
        await expiring.Data.SubscribedAsync(code.Id, TestPhones.Us(1), ExportFixture.BaseTime, "x@example.com", SubscriptionStatus.Active, list);
        using (var admin = await expiring.SignInAsync())
        {
            await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        }

        var export = await expiring.WithDbAsync(db => db.Exports.SingleAsync());
        await expiring.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(export.Id, CancellationToken.None); return true; });
        var link = LinkIn(fixture.Smtp.LastTo(AppFactory.AdminEmail));
        var file = Path.Combine(expiring.DataDirectory, "exports", $"{export.Id:N}.csv");

        // A fresh sign-in after each jump of the clock: the sign-in cookie keeps time by the same clock.
        expiring.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        using (var admin = await expiring.SignInAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(link.PathAndQuery)).StatusCode);
        }

        expiring.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var admin = await expiring.SignInAsync())
        {
            var expired = await admin.GetAsync(link.PathAndQuery);
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            var page = await TestClient.ParseAsync(await expired.Content.ReadAsStringAsync());
            Assert.Equal("This link has expired", page.QuerySelector("h1")!.TextContent);

            Assert.True(File.Exists(file));
            await expiring.WithServiceAsync<ExpiredExportsCleanupJob, bool>(async job => { await job.RunAsync(CancellationToken.None); return true; });
            Assert.False(File.Exists(file));
            Assert.Equal(ExportStatus.Expired, (await expiring.WithDbAsync(db => db.Exports.SingleAsync())).Status);
            Assert.Equal(HttpStatusCode.Gone, (await admin.GetAsync(link.PathAndQuery)).StatusCode);
        }
    }

    [Fact]
    public async Task Link_WithAWrongToken_IsNotFound()
    {
        var (_, _, link) = await ExportWithLinkAsync("/exports/new?tab=contacts&q=2000025", fixture.MarketerId, ExportFixture.MarketerEmail);
        using var marketer = await App.SignInAsync(ExportFixture.MarketerEmail, ExportFixture.Password);

        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var altered = (token[0] == 'A' ? "B" : "A") + token[1..];
        foreach (var url in new[] { $"/exports/download?token={Uri.EscapeDataString(altered)}", "/exports/download?token=", "/exports/download", $"/exports/download?token={new string('x', 5000)}" })
        {
            var response = await marketer.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Phone Number", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Link_SignedOut_LeadsToSignIn_AndOnlyTheRecipientGetsTheFile()
    {
        var (_, _, link) = await ExportWithLinkAsync("/exports/new?tab=contacts&q=2000023", fixture.MarketerId, ExportFixture.MarketerEmail);

        using var signedOut = App.CreateTestClient();
        var anonymous = await signedOut.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var signInPage = new Uri(new Uri("http://localhost"), anonymous.Headers.Location!);
        Assert.Equal("/account/sign-in", signInPage.AbsolutePath);
        Assert.DoesNotContain("Phone Number", await anonymous.Content.ReadAsStringAsync());

        // Another user signs in from there: the link is not theirs, and says nothing about the export.
        var signIn = await signedOut.SubmitFormAsync(signInPage.PathAndQuery, "form", new() { ["Email"] = ExportFixture.OtherEmail, ["Password"] = ExportFixture.Password });
        var (afterSignIn, _) = await signedOut.FollowAsync(signIn);
        Assert.Equal(HttpStatusCode.NotFound, afterSignIn.StatusCode);

        using var admin = await App.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(link.PathAndQuery)).StatusCode);

        using var recipient = await App.SignInAsync(ExportFixture.MarketerEmail, ExportFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task ConfigureExport_OffersOnlyTheApplicationsUsers_AndRefusesAnyoneElse()
    {
        // A marketer of another sender code is a user of the application but may not be sent this code's contacts.
        var otherCode = await App.Data.SenderCodeAsync("70707");
        var outsiderId = await App.Data.UserAsync("outsider@example.com", UserRole.Marketer, senderCodeIds: [otherCode.Id]);
        using var admin = await App.SignInAsync();
        var page = await admin.GetPageAsync("/exports/new?tab=contacts");
        Assert.DoesNotContain(page.QuerySelectorAll("select[name=RecipientUserId] option"), o => o.GetAttribute("value") == outsiderId);
        var options = page.QuerySelectorAll("select[name=RecipientUserId] option").Select(o => o.TextContent).ToList();
        Assert.Equal(3, options.Count);
        Assert.Contains(options, o => o.Contains(ExportFixture.MarketerEmail, StringComparison.Ordinal));
        Assert.Equal("Recipient", page.QuerySelector("label[for=recipient]")!.TextContent);

        var before = await App.WithDbAsync(db => db.Exports.CountAsync());
        var response = await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", new() { ["RecipientUserId"] = "someone@else.example" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("Pick a recipient from the list: only users who may use this sender code can be sent its contacts.", form.QuerySelector("form#configure-export")!.TextContent);

        var outsider = await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", new() { ["RecipientUserId"] = outsiderId });
        Assert.Equal(HttpStatusCode.OK, outsider.StatusCode);
        Assert.Contains("only users who may use this sender code", await outsider.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.Exports.CountAsync()));
    }

    [Fact]
    public async Task ConfigureExport_IgnoresAListOfAnotherSenderCode_AndRefusesTheOtherContactsTab()
    {
        using var admin = await App.SignInAsync();
        var listOfB = await App.WithDbAsync(db => db.Lists.SingleAsync(l => l.Name == "Outlet News"));
        var page = await admin.GetPageAsync($"/exports/new?tab=contacts&list={listOfB.Id}");
        Assert.Contains("All Lists", page.QuerySelector("form#configure-export")!.TextContent);
        Assert.DoesNotContain("Outlet News", page.Body!.TextContent);

        var direct = await admin.PostWithTokenAsync("/exports", new() { ["Tab"] = "contacts", ["List"] = listOfB.Id.ToString(CultureInfo.InvariantCulture), ["RecipientUserId"] = fixture.MarketerId });
        Assert.Contains("That list is not in this sender code.", await direct.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/exports/new?tab=other")).StatusCode);
        var other = await admin.GetPageAsync("/contacts?tab=other");
        Assert.Null(other.QuerySelector("a#configure-export"));
        var optedOut = await admin.GetPageAsync("/contacts?tab=opted-out&reason=Banned&q=212");
        Assert.Equal("/exports/new?tab=opted-out&reason=Banned&q=212", optedOut.QuerySelector("a#configure-export")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ExportsPage_ListsRecentExports_WithStatusRowsRecipientAndExpiry()
    {
        var (export, _) = await ExportAsync("/exports/new?tab=contacts&q=2000021", fixture.OtherId, ExportFixture.OtherEmail);
        using var marketer = await App.SignInAsync(ExportFixture.MarketerEmail, ExportFixture.Password);

        var page = await marketer.GetPageAsync("/exports");
        var row = page.QuerySelector($"tr[data-export-id='{export.Id}']")!;
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Completed", ExportExpectations.Badge(page, export.Id));
        Assert.Contains(ExportFixture.OtherEmail, cells);
        Assert.Contains(export.RowCount.ToString(CultureInfo.InvariantCulture), cells);
        Assert.Contains(TimeZones.Format(export.ExpiresUtc!.Value, NodaTime.DateTimeZone.Utc), cells);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddDays(3), export.ExpiresUtc);
        Assert.Contains(page.QuerySelectorAll("a.dropdown-item"), a => a.TextContent == "Exports" && a.GetAttribute("href") == "/exports");

        // SMTP is configured here: the page has no .eml notice.
        Assert.DoesNotContain(".eml", page.Body!.TextContent);
    }

    private async Task<(ExportRecord Export, CsvFile Csv)> ExportAsync(string configureUrl, string recipientId, string recipientEmail)
    {
        var (export, csv, _) = await ExportWithLinkAsync(configureUrl, recipientId, recipientEmail);
        return (export, csv);
    }

    private async Task<(ExportRecord Export, CsvFile Csv, Uri Link)> ExportWithLinkAsync(string configureUrl, string recipientId, string recipientEmail)
    {
        using var admin = await App.SignInAsync();
        var response = await fixture.SubmitExportAsync(admin, configureUrl, recipientId);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var export = await fixture.RunExportAsync((await fixture.LatestExportAsync()).Id);
        Assert.Equal(ExportStatus.Completed, export.Status);

        var link = LinkIn(fixture.Smtp.LastTo(recipientEmail));
        using var recipient = await App.SignInAsync(recipientEmail, ExportFixture.Password);
        var download = await recipient.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return (export, CsvFile.Parse(await download.Content.ReadAsByteArrayAsync()), link);
    }

    private static Uri LinkIn(MimeMessage email)
    {
        var match = Regex.Match(email.TextBody ?? "", @"https?://\S+/exports/download\?token=\S+");
        Assert.True(match.Success, $"No download link in: {email.TextBody}");
        Assert.Contains(match.Value, email.HtmlBody, StringComparison.Ordinal);
        return new Uri(match.Value);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}

/// <summary>Export tests share one SMTP server and Hangfire storage; they do not run beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class ExportCollection
{
    public const string Name = "Export";
}

internal static class ExportExpectations
{
    public static string Badge(AngleSharp.Dom.IDocument page, Guid exportId) =>
        page.QuerySelector($"tr[data-export-id='{exportId}'] .badge")!.TextContent.Trim();

    public static void AssertRowMatches(IReadOnlyDictionary<string, string> row, Contact contact, IReadOnlyList<CustomFieldDefinition> fields, string listName, Subscription subscription)
    {
        static string Iso(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
        Assert.Equal(listName, row["List Name"]);
        Assert.Equal(Iso(contact.LastSendUtc), row["Last Send Date"]);
        Assert.Equal(Iso(contact.LastClickUtc), row["Last Click Date"]);
        Assert.Equal(Iso(subscription.SubscribedUtc), row["Subscribe Date"]);
        Assert.Equal(subscription.Method == SubscribeMethod.Import ? "Import" : "Keyword", row["Subscribe Method"]);
        Assert.Equal(CsvFormulaGuard.Neutralize(contact.Email ?? ""), row["Email Address"]);
        Assert.Equal(CsvFormulaGuard.Neutralize(contact.FirstName ?? ""), row["First Name"]);
        Assert.Equal(CsvFormulaGuard.Neutralize(contact.LastName ?? ""), row["Last Name"]);
        Assert.Equal(CsvFormulaGuard.Neutralize(contact.PostalCode ?? ""), row["Postal Code"]);
        Assert.Equal(contact.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", row["Birthday"]);
        Assert.Equal(Iso(contact.ComplianceLastSentUtc), row["Compliance Last Sent Date"]);
        Assert.Equal(subscription.Keyword ?? "", row["Keyword"]);
        Assert.Equal(subscription.Status == SubscriptionStatus.Pending ? "Pending" : "Subscribed", row["Status"]);
        foreach (var field in fields)
        {
            Assert.Equal(CsvFormulaGuard.Neutralize(contact.CustomFieldValues.SingleOrDefault(v => v.FieldId == field.Id)?.Value ?? ""), row[field.Name]);
        }
    }
}
