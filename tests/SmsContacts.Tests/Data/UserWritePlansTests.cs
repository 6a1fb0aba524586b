using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// A user's write made during an import waited behind its own reads, not the import's batches (issue 17, item 11): one
/// statement that loads a contact with its subscriptions and their lists made SQLite build every subscription of the table
/// first (a derived table for the LEFT JOIN), so the write took longer with every row the import added. The kind: every
/// statement a user's action runs on one contact or a selection reads what it needs by key, whatever the table's size.
/// These tests capture every statement the app runs for the actions a person takes on contacts (open, edit, unsubscribe,
/// ban, opt back in, consent receipt) and read SQLite's plan of each: none scans or builds a big table.
/// </summary>
public sealed partial class UserWritePlansTests : IAsyncLifetime
{
    /// <summary>Tables that grow with the contacts: a plan may only search them by key.</summary>
    private static readonly string[] BigTables =
        ["Contacts", "Subscriptions", "ConsentEvents", "Messages", "CustomFieldValues", "SuspendedSubscriptions", "ImportRejectedRows", "ImportWarningRows"];

    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryStatementOfAUsersActionOnContacts_ReadsByKey()
    {
        var contacts = new List<Contact>();
        for (var i = 1; i <= 12; i++)
        {
            contacts.Add(await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(i), DateTime.UtcNow.AddDays(-i), $"person{i}@example.com", lists: [_vip, _promotions]));
        }

        using var client = await _app.SignInAsync();
        var statements = await SqliteStatements.CaptureAsync(_app, async () =>
        {
            var edited = contacts[0];
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/contacts/{edited.Id}")).StatusCode);
            var update = await client.PostWithTokenAsync($"/contacts/{edited.Id}/update", new() { ["FirstName"] = "Edited", ["Version"] = edited.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);

            var subscription = await _app.WithDbAsync(db => db.Subscriptions.Where(s => s.ContactId == contacts[1].Id && s.ListId == _vip.Id).Select(s => s.Id).SingleAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetHtmxAsync($"/contacts/unsubscribe?subscription={subscription}")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync("/contacts/unsubscribe", new() { ["Subscription"] = $"{subscription}" })).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync("/contacts/unsubscribe", new() { ["Contact"] = $"{contacts[2].Id}", ["Scope"] = "all" })).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await client.GetHtmxAsync($"/contacts/ban?contact={contacts[3].Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync("/contacts/ban", new() { ["Contact"] = $"{contacts[3].Id}" })).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await client.GetHtmxAsync($"/contacts/{contacts[2].Id}/opt-back-in")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync($"/contacts/{contacts[2].Id}/opt-back-in", new() { ["confirmed"] = "true" })).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/contacts/{contacts[2].Id}/consent-receipt/csv")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/contacts/{contacts[3].Id}/consent-receipt/pdf")).StatusCode);
        });

        Assert.NotEmpty(statements);
        var scans = new List<string>();
        foreach (var (sql, parameters) in statements.Where(s => !NeverTrue().IsMatch(s.Sql)))
        {
            var big = BigNames(sql);
            foreach (var step in await SqliteStatements.PlanAsync(_app, sql, parameters))
            {
                if (ScansABigTable(step, big))
                {
                    scans.Add($"{step}\n    in: {sql}");
                }
            }
        }

        Assert.True(scans.Count == 0, "Statements of a user's action that read a big table whole:\n" + string.Join("\n", scans));
    }

    /// <summary>
    /// A plan step that reads every row of a big table (or every entry of one of its indexes): "SCAN name" where the name
    /// is the table's or its alias in this statement. A derived table built whole shows as the SCAN of its own steps.
    /// </summary>
    private static bool ScansABigTable(string step, HashSet<string> big)
    {
        var match = ScanStep().Match(step);
        return match.Success && big.Contains(match.Groups[1].Value);
    }

    /// <summary>The big tables' names and the aliases the statement gives them.</summary>
    private static HashSet<string> BigNames(string sql)
    {
        var names = new HashSet<string>(BigTables, StringComparer.OrdinalIgnoreCase);
        foreach (Match alias in AliasOf().Matches(sql))
        {
            if (BigTables.Contains(alias.Groups[1].Value, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(alias.Groups[2].Value);
            }
        }

        return names;
    }

    /// <summary>EF's statement for an empty selection ("WHERE 0"): SQLite plans a scan and reads no row.</summary>
    [GeneratedRegex(@"\bWHERE 0\s*$")]
    private static partial Regex NeverTrue();

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex ScanStep();

    [GeneratedRegex(@"""?(\w+)""?\s+AS\s+""?(\w+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex AliasOf();
}
