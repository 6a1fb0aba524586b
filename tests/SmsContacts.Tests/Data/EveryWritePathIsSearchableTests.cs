using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Data;

/// <summary>
/// Whatever a contact row must hold for the grid to find it (Domain/ContactPhone) is produced by every writer: each write
/// path of the app creates contacts, and each is then found on its tab by every search form the README promises, through
/// the real Contacts endpoint (so this keeps its meaning whatever the search implementation becomes).
/// </summary>
public sealed class EveryWritePathIsSearchableTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _deals = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync(DemoSeeder.DemoSenderCode);
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN");
        _deals = await _app.Data.ListAsync(_code.Id, "Deals", true, "DEALSJOIN");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One number per write path: a different area code and different last digits each, all valid NANP numbers.</summary>
    private static readonly Dictionary<string, string> Numbers = new()
    {
        ["single contact"] = "+12124651001",
        ["import add/update"] = "+14152658701",
        ["import update existing"] = "+13123694412",
        ["import opt-out (new number)"] = "+16175283307",
        ["import opt-out (existing contact)"] = "+12027391566",
        ["inbound keyword join"] = "+13058124938",
        ["inbound keyword join, double opt-in"] = "+15129043375",
        ["inbound STOP from an unknown number"] = "+14046171259",
    };

    /// <summary>The README's search forms: the full number in three formats, a prefix, the area code, the last 4 and the last 7 digits.</summary>
    private static IEnumerable<(string Form, string Typed)> SearchForms(string e164)
    {
        var national = e164[2..];
        yield return ("E.164", e164);
        yield return ("(415) 555-0134", $"({national[..3]}) {national[3..6]}-{national[6..]}");
        yield return ("415.555.0134", $"{national[..3]}.{national[3..6]}.{national[6..]}");
        yield return ("prefix +1415555", e164[..8]);
        yield return ("area code", national[..3]);
        yield return ("last 4", national[^4..]);
        yield return ("last 7", national[^7..]);
    }

    [Fact]
    public async Task EveryWritePath_StoresContactsThatEverySearchFormFinds()
    {
        Assert.All(Numbers.Values, n => Assert.Equal(n, PhoneNormalizer.Normalize(n, "US").E164));
        using var client = await _app.SignInAsync();
        await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = _code.Id.ToString(CultureInfo.InvariantCulture) });
        var import = new ImportDriver(_app, client);
        var tabs = new Dictionary<string, string>();

        // Single Contact, typed the way people type.
        var start = await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = Typed(Numbers["single contact"]), ["ListId"] = Id(_vip) });
        var saved = await client.SubmitFormAsync(await TestClient.ReadAsync(start), "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        tabs["single contact"] = "contacts";

        // File Import: Add/Update; then Update existing on another number it added; then Opt-out, of a new number and of a contact.
        var added = await import.ImportAsync(
            $"Phone,First Name\n{Typed(Numbers["import add/update"])},Ann\n{Numbers["import update existing"]},Bob\n{Numbers["import opt-out (existing contact)"]},Cy\n",
            ImportDriver.Settings(_vip.Id));
        Assert.Equal(3, added.Counts.OptedIn);
        tabs["import add/update"] = "contacts";
        var updated = await import.ImportAsync($"Phone,First Name\n{Numbers["import update existing"]},Robert\n", ImportDriver.Settings(_vip.Id, ImportAction.UpdateExisting));
        Assert.Equal(1, updated.Counts.Updated);
        tabs["import update existing"] = "contacts";
        var optedOut = await import.ImportAsync(
            $"Phone\n{Numbers["import opt-out (new number)"]}\n{Numbers["import opt-out (existing contact)"]}\n",
            ImportDriver.Settings(_vip.Id, ImportAction.OptOut));
        Assert.Equal(2, optedOut.Counts.OptedOut);
        tabs["import opt-out (new number)"] = tabs["import opt-out (existing contact)"] = "opted-out";

        // Inbound texts through the signed webhook: keyword joins (one double opt-in), and STOP from a number we never saw.
        await _app.TextAsync(Numbers["inbound keyword join"], "vipjoin");
        await _app.TextAsync(Numbers["inbound keyword join, double opt-in"], "DEALSJOIN");
        await _app.TextAsync(Numbers["inbound STOP from an unknown number"], "STOP");
        tabs["inbound keyword join"] = tabs["inbound keyword join, double opt-in"] = "contacts";
        tabs["inbound STOP from an unknown number"] = "opted-out";

        // The demo seeder, into the same sender code: one contact of each tab it fills.
        await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(60, CancellationToken.None);
            return true;
        });
        var seeded = await _app.WithDbAsync(async db =>
        {
            var known = Numbers.Values.ToList();
            var demo = await db.Contacts.AsNoTracking().Include(c => c.Subscriptions)
                .Where(c => c.SenderCodeId == _code.Id && !known.Contains(c.Phone)).ToListAsync();
            return new Dictionary<string, string>
            {
                ["demo seed (subscribed)"] = demo.First(c => c.Subscriptions.Count > 0).Phone,
                ["demo seed (opted out)"] = demo.First(c => c.IsOptedOut).Phone,
                ["demo seed (other contact)"] = demo.First(c => c.OtherReplyUtc is not null && !c.IsOptedOut && c.Subscriptions.Count == 0).Phone,
            };
        });
        var all = new Dictionary<string, string>(Numbers);
        foreach (var (path, phone) in seeded)
        {
            all[path] = phone;
        }

        tabs["demo seed (subscribed)"] = "contacts";
        tabs["demo seed (opted out)"] = "opted-out";
        tabs["demo seed (other contact)"] = "other";

        var misses = new List<string>();
        foreach (var (path, phone) in all)
        {
            foreach (var (form, typed) in SearchForms(phone))
            {
                var page = await client.GetPageAsync($"/contacts?tab={tabs[path]}&q={Uri.EscapeDataString(typed)}&size=200");
                if (!Grid.Phones(page).Contains(phone))
                {
                    misses.Add($"{path}: {phone} not found on the {tabs[path]} tab by {form} \"{typed}\"");
                }
            }
        }

        Assert.True(misses.Count == 0, string.Join("\n", misses));
        Assert.Equal(all.Count, tabs.Count);
    }

    private static string Id(ContactList list) => list.Id.ToString(CultureInfo.InvariantCulture);

    private static string Typed(string e164) => $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}";
}
