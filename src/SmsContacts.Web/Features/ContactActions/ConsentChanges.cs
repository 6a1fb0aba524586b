using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>
/// Applies one consent change to one contact and saves it. The contact's version is a concurrency
/// token, so a change that races another (an inbound STOP, a colleague's click) is retried on fresh
/// data: these changes state what should be true ("off this list", "banned"), so reapplying is safe.
/// </summary>
public sealed class ConsentChangeRunner(AppDbContext db)
{
    private const int Attempts = 3;

    public async Task<string> RunAsync(long contactId, Func<Contact, Task<string>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var contact = await db.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.Id == contactId, ct);
            var summary = await change(contact);
            try
            {
                await db.SaveChangesAsync(ct);
                return summary;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>Unsubscribe: off the selected lists, or off all of them. A contact left on no list is opted out (reason Manual).</summary>
public sealed class UnsubscribeContacts(AppDbContext db, ContactConsent consent, ConsentChangeRunner runner)
{
    public async Task<IReadOnlyList<string>> RunAsync(int senderCodeId, IReadOnlyList<SelectedContact> selected, bool allLists, ConsentActor actor, CancellationToken ct)
    {
        var lists = await db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).ToDictionaryAsync(l => l.Id, ct);
        var results = new List<string>();
        foreach (var target in selected)
        {
            results.Add(await runner.RunAsync(target.ContactId, contact => Task.FromResult(Apply(contact, target, allLists, lists, actor)), ct));
        }

        return results;
    }

    private string Apply(Contact contact, SelectedContact target, bool allLists, Dictionary<int, ContactList> lists, ConsentActor actor)
    {
        if (contact.IsOptedOut)
        {
            return $"{contact.Phone} was already opted out.";
        }

        if (allLists || target.SelectedLists.Count == 0)
        {
            consent.OptOut(contact, OptOutReason.Manual, actor);
            return $"{contact.Phone} was unsubscribed from all lists and moved to Opted-Out (reason Manual).";
        }

        var left = target.SelectedLists.Where(l => lists.ContainsKey(l.ListId) && consent.Unsubscribe(contact, lists[l.ListId], actor)).Select(l => l.ListName).ToList();
        if (left.Count == 0)
        {
            return $"{contact.Phone} was no longer on {string.Join(", ", target.SelectedLists.Select(l => l.ListName))}.";
        }

        return contact.IsOptedOut
            ? $"{contact.Phone} was unsubscribed from {string.Join(", ", left)}; on no list any more, it moved to Opted-Out (reason Manual)."
            : $"{contact.Phone} was unsubscribed from {string.Join(", ", left)}.";
    }
}

/// <summary>Ban (admins): off every list of the sender code, opted out with reason Banned, never to be added again.</summary>
public sealed class BanContacts(ContactConsent consent, ConsentChangeRunner runner)
{
    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<SelectedContact> selected, ConsentActor actor, CancellationToken ct)
    {
        var results = new List<string>();
        foreach (var target in selected)
        {
            results.Add(await runner.RunAsync(target.ContactId, contact =>
            {
                if (contact.OptOutReason == OptOutReason.Banned)
                {
                    return Task.FromResult($"{contact.Phone} was already banned.");
                }

                consent.Ban(contact, actor);
                return Task.FromResult($"{contact.Phone} was banned: removed from every list and moved to Opted-Out (reason Banned).");
            }, ct));
        }

        return results;
    }
}

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

            await consent.OptBackInAsync(contact, actor, ct);
            var listIds = contact.Subscriptions.Select(s => s.ListId).ToList();
            var names = await db.Lists.AsNoTracking().Where(l => listIds.Contains(l.Id)).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct);
            return names.Count == 0
                ? $"{contact.Phone} was opted back in. It is on no list yet: add it to one with Add Contacts > Single Contact."
                : $"{contact.Phone} was opted back in and is back on {string.Join(", ", names)}.";
        }, ct);
}
