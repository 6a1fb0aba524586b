using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Demo;

/// <summary>One broken invariant: what it is in words, how many rows break it, and the ids of a few of them (contact ids, or group keys).</summary>
public sealed record DataFinding(string Rule, int Count, IReadOnlyList<long> Examples);

/// <summary>
/// `check-data`: checks that the dates of a database mean what the help article says they mean, on any database
/// (the demo data, an imported one, production), for both providers (every check is a LINQ query EF translates):
/// no timestamp in the future; no subscription, text or consent event before its contact existed; no delivery
/// before its sending; Last Send Date = the latest delivery of an outbound text; Compliance Last Sent Date = the
/// delivery of an outbound text with compliance messaging; Last Message Date = when a text was last sent to the
/// contact; a Last Click Date only after a delivered text; opt-outs by STOP keyword not stacked on one instant.
/// Out: the broken rules, none when the data holds. Times are compared in UTC, as stored.
/// </summary>
public sealed class DataChecker(AppDbContext db, TimeProvider clock)
{
    /// <summary>Rows written while the check runs, or by an instance whose clock runs a little ahead, are not "in the future".</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(1);

    /// <summary>More STOP-keyword opt-outs than this at one instant reads as rows stamped by a script, not texts that arrived.</summary>
    public const int MaxOptOutsAtOneInstant = 50;

    private const int ExampleCount = 5;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var findings = await scope.ServiceProvider.GetRequiredService<DataChecker>().CheckAsync(CancellationToken.None);
        foreach (var finding in findings)
        {
            await output.WriteLineAsync($"FAIL {finding.Rule}: {finding.Count:N0} (for example {string.Join(", ", finding.Examples)})");
        }

        await output.WriteLineAsync(findings.Count == 0 ? "check-data: every date holds" : $"check-data: {findings.Count} rule(s) broken");
        return findings.Count == 0 ? 0 : 1;
    }

    public async Task<IReadOnlyList<DataFinding>> CheckAsync(CancellationToken ct)
    {
        var latest = clock.GetUtcNow().UtcDateTime + ClockTolerance;
        var findings = new List<DataFinding>();

        async Task Check(string rule, IQueryable<long> ids)
        {
            var count = await ids.CountAsync(ct);
            if (count > 0)
            {
                findings.Add(new DataFinding(rule, count, await ids.Distinct().OrderBy(id => id).Take(ExampleCount).ToListAsync(ct)));
            }
        }

        var contacts = db.Contacts.AsNoTracking();
        var outbound = db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Outbound);
        var delivered = outbound.Where(m => m.Status == DeliveryStatus.Succeeded && m.DeliveredUtc != null);

        await Check("Contact with a date in the future", contacts.Where(c =>
            c.CreatedUtc > latest || c.UpdatedUtc > latest || c.OptedOutUtc > latest || c.OtherReplyUtc > latest
            || c.LastMessageUtc > latest || c.LastSendUtc > latest || c.LastClickUtc > latest || c.ComplianceLastSentUtc > latest).Select(c => c.Id));
        await Check("Subscription with a date in the future", db.Subscriptions.Where(s => s.SubscribedUtc > latest || s.ConfirmedUtc > latest).Select(s => s.ContactId));
        await Check("Text with a date in the future", db.Messages.Where(m => m.CreatedUtc > latest || m.DeliveredUtc > latest).Select(m => m.Id));
        await Check("Consent event in the future", db.ConsentEvents.Where(e => e.OccurredUtc > latest).Select(e => e.ContactId));

        await Check("Contact opted out, replied or sent to before it existed", contacts.Where(c =>
            c.OptedOutUtc < c.CreatedUtc || c.OtherReplyUtc < c.CreatedUtc || c.LastMessageUtc < c.CreatedUtc
            || c.LastSendUtc < c.CreatedUtc || c.LastClickUtc < c.CreatedUtc || c.ComplianceLastSentUtc < c.CreatedUtc).Select(c => c.Id));
        await Check("Subscription before its contact existed", db.Subscriptions.Where(s => s.SubscribedUtc < s.Contact!.CreatedUtc).Select(s => s.ContactId));
        await Check("Text before its contact existed", db.Messages.Where(m => m.ContactId != null && m.CreatedUtc < m.Contact!.CreatedUtc).Select(m => m.ContactId!.Value));
        await Check("Consent event before its contact existed",
            db.ConsentEvents.Where(e => db.Contacts.Any(c => c.Id == e.ContactId && e.OccurredUtc < c.CreatedUtc)).Select(e => e.ContactId));
        await Check("Text delivered before it was sent", db.Messages.Where(m => m.DeliveredUtc < m.CreatedUtc).Select(m => m.Id));

        await Check("Last Send Date is not the latest delivery of a text to the contact", contacts.Where(c =>
            c.LastSendUtc != delivered.Where(m => m.ContactId == c.Id).Max(m => m.DeliveredUtc)).Select(c => c.Id));
        await Check("Compliance Last Sent Date without a text with compliance messaging delivered then", contacts.Where(c =>
            c.ComplianceLastSentUtc != null && !delivered.Any(m => m.ContactId == c.Id && m.DeliveredUtc == c.ComplianceLastSentUtc)).Select(c => c.Id));
        await Check("Last Click Date before any text was delivered to the contact", contacts.Where(c =>
            c.LastClickUtc != null && !delivered.Any(m => m.ContactId == c.Id && m.DeliveredUtc <= c.LastClickUtc)).Select(c => c.Id));
        await Check("Last Message Date without a text sent to the contact by then", contacts.Where(c =>
            c.LastMessageUtc != null && !outbound.Any(m => m.ContactId == c.Id && m.CreatedUtc <= c.LastMessageUtc)).Select(c => c.Id));
        await Check("Last Message Date older than a text sent to the contact", contacts.Where(c =>
            outbound.Any(m => m.ContactId == c.Id && (m.Status == DeliveryStatus.Sent || m.Status == DeliveryStatus.Succeeded)
                && (c.LastMessageUtc == null || m.CreatedUtc > c.LastMessageUtc))).Select(c => c.Id));

        // Compliance messaging is a rule in C# (a regular expression), so it is checked on the few texts the dates point at.
        var complianceTexts = await (
            from c in contacts.Where(c => c.ComplianceLastSentUtc != null)
            join m in delivered on new { Id = (long?)c.Id, At = c.ComplianceLastSentUtc } equals new { Id = m.ContactId, At = m.DeliveredUtc }
            select new { c.Id, m.Body }).ToListAsync(ct);
        var withoutCompliance = complianceTexts.GroupBy(t => t.Id).Where(g => !g.Any(t => ComplianceMessage.Holds(t.Body))).Select(g => g.Key).Order().ToList();
        if (withoutCompliance.Count > 0)
        {
            findings.Add(new DataFinding("Compliance Last Sent Date points at a text without compliance messaging", withoutCompliance.Count, withoutCompliance.Take(ExampleCount).ToList()));
        }

        var stacked = await contacts.Where(c => c.OptOutReason == OptOutReason.StopKeyword && c.OptedOutUtc != null)
            .GroupBy(c => c.OptedOutUtc)
            .Where(g => g.Count() > MaxOptOutsAtOneInstant)
            .Select(g => g.Min(c => c.Id))
            .ToListAsync(ct);
        if (stacked.Count > 0)
        {
            findings.Add(new DataFinding($"More than {MaxOptOutsAtOneInstant} STOP-keyword opt-outs at one instant", stacked.Count, stacked.Order().Take(ExampleCount).ToList()));
        }

        return findings;
    }
}
