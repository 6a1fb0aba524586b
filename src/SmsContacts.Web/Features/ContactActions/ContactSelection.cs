using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>
/// What the grid's checkboxes (or a button in Contact Details) point at: rows of the Contacts tab are
/// subscriptions (a contact on one list), rows of the other tabs are contacts.
/// </summary>
public sealed class SelectionRequest
{
    public long[] Subscription { get; set; } = [];

    public long[] Contact { get; set; } = [];

    /// <summary>"all" asks to unsubscribe from every list rather than the selected ones.</summary>
    public string? Scope { get; set; }

    public string? ReturnUrl { get; set; }

    public bool IsEmpty => Subscription.Length == 0 && Contact.Length == 0;

    public bool AllLists => Scope == "all";
}

public sealed record SelectedList(int ListId, string ListName);

/// <summary>A selected contact, with the lists its selected rows stand for and the lists it is on.</summary>
public sealed record SelectedContact(
    long ContactId,
    string Phone,
    string State,
    bool IsOptedOut,
    bool IsBanned,
    IReadOnlyList<SelectedList> SelectedLists,
    IReadOnlyList<string> OnLists);

/// <summary>Turns a selection into contacts of the current sender code; ids of other sender codes simply do not resolve.</summary>
public sealed class ContactSelection(AppDbContext db)
{
    /// <summary>One page of the grid at most.</summary>
    public const int MaxRows = ContactRepository.MaxPageSize;

    public async Task<IReadOnlyList<SelectedContact>> ResolveAsync(int senderCodeId, SelectionRequest request, CancellationToken ct)
    {
        var subscriptionIds = request.Subscription.Distinct().ToList();
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.SenderCodeId == senderCodeId && subscriptionIds.Contains(s.Id))
            .Select(s => new { s.ContactId, s.ListId, ListName = s.List!.Name })
            .ToListAsync(ct);

        var contactIds = request.Contact.Concat(rows.Select(r => r.ContactId)).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking()
            .Include(c => c.Subscriptions).ThenInclude(s => s.List)

            // In one statement the subscriptions with their lists are a derived table SQLite builds whole (every subscription
            // of every contact) before it picks this contact's: a second statement reads only this contact's.
            .AsSplitQuery()
            .Where(c => c.SenderCodeId == senderCodeId && contactIds.Contains(c.Id))
            .OrderBy(c => c.Phone)
            .ToListAsync(ct);

        return contacts.Select(c => new SelectedContact(
                c.Id,
                c.Phone,
                ContactConsent.StateOf(c),
                c.IsOptedOut,
                c.OptOutReason == OptOutReason.Banned,
                rows.Where(r => r.ContactId == c.Id).Select(r => new SelectedList(r.ListId, r.ListName)).OrderBy(l => l.ListName).ToList(),
                c.Subscriptions.Select(s => s.List!.Name).Order().ToList()))
            .ToList();
    }
}
