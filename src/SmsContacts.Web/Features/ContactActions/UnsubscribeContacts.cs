using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

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
