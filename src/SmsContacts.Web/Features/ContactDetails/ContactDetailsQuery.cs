using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Features.ContactProfile;

namespace SmsContacts.Web.Features.ContactDetails;

/// <summary>Reads one contact of a sender code with its lists, profile and consent history.</summary>
public sealed class ContactDetailsQuery(AppDbContext db)
{
    /// <summary>Null when there is no such contact on this sender code.</summary>
    public async Task<ContactDetailsModel?> LoadAsync(int senderCodeId, long contactId, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking()
            .Include(c => c.Subscriptions).ThenInclude(s => s.List)
            .Include(c => c.CustomFieldValues)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == contactId && c.SenderCodeId == senderCodeId, ct);
        if (contact is null)
        {
            return null;
        }

        var listsToRestore = contact.IsOptedOut
            ? await db.SuspendedSubscriptions.AsNoTracking()
                .Where(s => s.ContactId == contact.Id)
                .Join(db.Lists, s => s.ListId, l => l.Id, (s, l) => l.Name)
                .OrderBy(name => name)
                .ToListAsync(ct)
            : [];

        var history = await db.ConsentEvents.AsNoTracking()
            .Where(e => e.ContactId == contact.Id)
            .OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .ToListAsync(ct);

        var importIds = history.Where(e => e.ImportId is not null).Select(e => e.ImportId!.Value).Distinct().ToList();
        var imports = await db.Imports.AsNoTracking().Where(i => importIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => new ImportSource(i.OriginalFileName, i.Settings.ConsentNote), ct);

        var form = new UpdateContactForm { Version = contact.Version };
        form.Fill(contact);

        return new ContactDetailsModel
        {
            ContactId = contact.Id,
            Phone = contact.Phone,
            State = Domain.ContactConsent.StateOf(contact),
            OptedOutUtc = contact.OptedOutUtc,
            OptOutReason = contact.OptOutReason,
            OtherReply = contact.OtherReply,
            OtherReplyUtc = contact.OtherReplyUtc,
            CreatedUtc = contact.CreatedUtc,
            ComplianceLastSentUtc = contact.ComplianceLastSentUtc,
            Fields = await CustomFieldDefinitions.ForSenderCodeAsync(db, contact.SenderCodeId, ct),
            Lists = contact.Subscriptions
                .OrderBy(s => s.List!.Name)
                .Select(s => new ListMembership(s.Id, s.List!.Name, s.Status, s.SubscribedUtc, s.Method, s.Keyword))
                .ToList(),
            ListsToRestore = listsToRestore,
            History = history,
            Imports = imports,
            Form = form,
        };
    }
}
