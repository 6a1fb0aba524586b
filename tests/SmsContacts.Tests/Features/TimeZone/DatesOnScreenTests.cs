using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Features.TimeZone;

/// <summary>
/// Every date on screen is in the signed-in user's time zone and names it: the pages are rendered over demo data
/// (contacts in every state, texts, consent history) for users in zones east and west of UTC, with half-hour and
/// quarter-hour offsets, and no date-like text may appear outside the one formatter's &lt;time&gt; elements.
/// </summary>
public sealed partial class DatesOnScreenTests(DatesOnScreenTests.Fixture fixture) : IClassFixture<DatesOnScreenTests.Fixture>
{
    private readonly AppFactory _app = fixture.App;

    /// <summary>
    /// One app with the demo data for the class. Each test sets the zones it reads: the admin's before every page
    /// sweep, and the test of the site's default uses an admin of its own, who has picked no zone.
    /// </summary>
    public sealed class Fixture : SharedApp
    {
        public override async Task InitializeAsync() =>
            await App.WithServiceAsync<DemoSeeder, bool>(async seeder =>
            {
                await seeder.SeedAsync(300, CancellationToken.None);
                return true;
            });
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Europe/London")]
    [InlineData("UTC")]
    public async Task EveryDateOnEveryPage_IsInTheUsersZone_AndNamesIt(string zoneId)
    {
        await _app.WithDbAsync(db => db.Users.Where(u => u.Email == AppFactory.AdminEmail).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zoneId)));
        var zone = TimeZones.Find(zoneId)!;
        var contactIds = await _app.WithDbAsync(async db => new[]
        {
            await db.Contacts.Where(c => c.OptedOutUtc != null).Select(c => c.Id).FirstAsync(),
            await db.Contacts.Where(c => c.OtherReply != null).Select(c => c.Id).FirstAsync(),
            await db.Contacts.Where(c => c.ComplianceLastSentUtc != null && c.Subscriptions.Any()).Select(c => c.Id).FirstAsync(),
            await db.Contacts.Where(c => c.Subscriptions.Any(s => s.Status == SubscriptionStatus.Pending)).Select(c => c.Id).FirstAsync(),
        });
        var pages = new List<string>
        {
            "/contacts", "/contacts?tab=opted-out", "/contacts?tab=other", "/contacts?sort=SubscribeDate&dir=desc",
            "/admin/users", "/admin/custom-fields", "/exports", "/imports", "/contacts/needs-review", "/account/time-zone",
        };
        pages.AddRange(contactIds.SelectMany(id => new[] { $"/contacts/{id}", $"/contacts/{id}/activity" }));

        using var client = await _app.SignInAsync();
        var shown = 0;
        foreach (var url in pages)
        {
            var page = await client.GetPageAsync(url);
            foreach (var time in page.QuerySelectorAll("time").ToList())
            {
                var utc = DateTime.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                Assert.Equal(TimeZones.Format(utc, zone), time.TextContent.Trim());
                Assert.EndsWith(" " + TimeZones.Abbreviation(zone, Instant.FromDateTimeUtc(utc)), time.TextContent.Trim(), StringComparison.Ordinal);
                shown++;
                time.Remove();
            }

            AssertNoStrayDate(page, url);
        }

        Assert.True(shown > 50, $"only {shown} dates were shown");
    }

    [Fact]
    public async Task UntilAUserPicksAZone_TheSitesDefaultIsShown_AndTheBrowsersZoneIsOffered()
    {
        var email = fixture.NewEmail("admin");
        var password = await _app.Data.UserAsync(email, UserRole.Admin);
        using var admin = await _app.SignInAsync(email, password);
        var page = await admin.GetPageAsync("/contacts?tab=opted-out");
        var offer = page.QuerySelector("form[aria-label='Time zone']")!;
        Assert.Contains("Dates are shown in UTC", offer.TextContent);
        Assert.NotNull(offer.QuerySelector("button[data-browser-time-zone-button]"));
        Assert.EndsWith(" UTC", page.QuerySelector("main time")!.TextContent.Trim(), StringComparison.Ordinal);

        // An admin sets the default for users who have not picked one; a zone the database does not know is refused.
        var refused = await admin.SubmitFormAsync("/account/time-zone", "form[action='/admin/time-zone']", new() { ["timeZoneId"] = "Mars/Olympus_Mons" });
        var (_, refusedPage) = await admin.FollowAsync(refused);
        Assert.Contains("not a time zone", refusedPage.QuerySelector("[role=alert]")!.TextContent);
        await admin.SubmitFormAsync("/account/time-zone", "form[action='/admin/time-zone']", new() { ["timeZoneId"] = "Asia/Tokyo" });
        Assert.Equal("Asia/Tokyo", await _app.WithDbAsync(db => db.SiteSettings.Select(s => s.DefaultTimeZoneId).SingleAsync()));

        page = await admin.GetPageAsync("/contacts?tab=opted-out");
        Assert.Contains("Dates are shown in Asia/Tokyo", page.QuerySelector("form[aria-label='Time zone']")!.TextContent);
        Assert.EndsWith(" JST", page.QuerySelector("main time")!.TextContent.Trim(), StringComparison.Ordinal);

        // What the browser's script puts on the button: the user's pick ends the offer.
        var picked = await admin.SubmitFormAsync("/contacts?tab=opted-out", "form[aria-label='Time zone']", new() { ["timeZoneId"] = "Europe/Paris" });
        var (_, after) = await admin.FollowAsync(picked);
        Assert.Null(after.QuerySelector("form[aria-label='Time zone']"));
        Assert.Matches(" CES?T$", after.QuerySelector("main time")!.TextContent.Trim());
        Assert.Equal("Europe/Paris", await _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TimeZoneId).SingleAsync()));
    }

    /// <summary>A view cannot print a timestamp but through the one formatter (Dates.Show / Dates.Text).</summary>
    [Fact]
    public void NoView_FormatsATimestampItself()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "SmsContacts.Web", "Features");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = DatesCall().Replace(lines[i], "");
                if (DateFormatting().IsMatch(line) || PrintedTimestamp().IsMatch(line) || ElementInAttribute().IsMatch(lines[i]))
                {
                    offences.Add($"{Path.GetRelativePath(features, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Dates on screen go through Dates.Show(...) or Dates.Text(...):\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("Nov 30, 2026 4:12 PM EST", "show the offer too")]
    [InlineData("2026-11-30 21:12 UTC", "Sign-in paused until")]
    [InlineData("@Model.CreatedUtc", "")]
    [InlineData("@row.SubscribedUtc.ToString(\"yyyy-MM-dd\")", "")]
    [InlineData("@(x.LastSendUtc?.ToLocalTime())", "")]
    [InlineData("{expired:yyyy-MM-dd}", "")]
    [InlineData("<button aria-label=\"Retry the export requested @Dates.Show(export.CreatedUtc)\">", "")]
    public void TheViewCheck_CatchesDatesPrintedAnyOtherWay(string printed, string context)
    {
        var raw = $"<td>{context} {printed}</td>";
        var line = DatesCall().Replace(raw, "");
        Assert.True(DateFormatting().IsMatch(line) || PrintedTimestamp().IsMatch(line) || StrayDate().IsMatch(line) || ElementInAttribute().IsMatch(raw), printed);
        Assert.DoesNotMatch(PrintedTimestamp(), DatesCall().Replace("<td>@Dates.Show(row.SubscribedUtc)</td> @if (Model.OptedOutUtc is { } at)", ""));
    }

    private static void AssertNoStrayDate(IDocument page, string url)
    {
        foreach (var element in page.QuerySelectorAll("script, style, input, select, textarea, template").ToList())
        {
            element.Remove();
        }

        var text = page.Body!.TextContent;
        var stray = StrayDate().Match(text);
        Assert.False(stray.Success, $"{url} shows \"{stray.Value}\" outside the date formatter: …{(stray.Success ? text.Substring(Math.Max(0, stray.Index - 60), Math.Min(120, text.Length - Math.Max(0, stray.Index - 60))) : "")}…");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SmsContacts.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("SmsContacts.sln not found above the test folder.");
    }

    /// <summary>An ISO date, a clock time or a written-out date: what only the formatter may print.</summary>
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b")]
    private static partial Regex StrayDate();

    /// <summary>The formatter's own calls (their arguments may name timestamps).</summary>
    [GeneratedRegex(@"Dates\.(Show|Text)\([^()]*(\([^()]*\))?[^()]*\)")]
    private static partial Regex DatesCall();

    /// <summary>Formatting a date by hand: format strings, ToLocalTime, ToShortDateString, the old ToDisplay.</summary>
    [GeneratedRegex(@"ToString\(""[^""]*(yyyy|MMM|HH|hh)|:yyyy|:MMM|:HH|ToLocalTime|ToShortDateString|ToLongDateString|ToShortTimeString|ToDisplay\(|ToUniversalTime")]
    private static partial Regex DateFormatting();

    /// <summary>Dates.Show writes a &lt;time&gt; element; inside an attribute (aria-label, title) only Dates.Text belongs.</summary>
    [GeneratedRegex(@"=""[^""]*@Dates\.Show\(")]
    private static partial Regex ElementInAttribute();

    /// <summary>A timestamp property (…Utc) printed by Razor (@x.CreatedUtc, @(x.CreatedUtc...)) or interpolated ({x.CreatedUtc}), not merely tested.</summary>
    [GeneratedRegex(@"(@\(?|\{)[\w.!?]*Utc\b(?!\s*(is\b|==|!=|[<>]=?\s|\?\?|\.HasValue|\)\s*\{))")]
    private static partial Regex PrintedTimestamp();
}
