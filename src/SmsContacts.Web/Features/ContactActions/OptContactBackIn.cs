using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>
/// Opt back in (admins): the explicit, audited user action that lifts an opt-out, for a contact who
/// asked to receive texts again. The number goes back on the lists it left; a banned number never does.
/// </summary>
public sealed class OptContactBackIn(AppDbContext db, ContactConsent consent, ConsentChangeRunner runner)
{
    public Task<string> RunAsync(long contactId, ConsentActor actor, CancellationToken ct) =>
        runner.RunAsync(contactId, async contact =>
        {
            if (contact.OptOutReason == OptOutReason.Banned)
            {
                return $"{contact.Phone} is banned and cannot be opted back in.";
            }

            if (!contact.IsOptedOut)
            {
                return $"{contact.Phone} is not opted out.";
            }

            consent.OptBackIn(contact, actor);
            var listIds = contact.Subscriptions.Select(s => s.ListId).ToList();
            var names = await db.Lists.AsNoTracking().Where(l => listIds.Contains(l.Id)).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct);
            return names.Count == 0
                ? $"{contact.Phone} was opted back in. It is on no list yet: add it to one with Add Contacts > Single Contact."
                : $"{contact.Phone} was opted back in and is back on {string.Join(", ", names)}.";
        }, ct);
}
