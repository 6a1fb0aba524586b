using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Features.ContactProfile;

namespace SmsContacts.Web.Features.ContactDetails;

public enum UpdateOutcome
{
    Updated,
    Unchanged,

    /// <summary>Someone else changed the contact after the form was shown; nothing was saved.</summary>
    Conflict,
    NotFound,
}

/// <summary>Contact Details > Update: saves the profile, but only over the version the person was looking at.</summary>
public sealed class ContactUpdater(AppDbContext db, TimeProvider clock)
{
    public async Task<UpdateOutcome> UpdateAsync(int senderCodeId, long contactId, UpdateContactForm form, CancellationToken ct)
    {
        var contact = await db.Contacts.Include(c => c.CustomFieldValues)
            .SingleOrDefaultAsync(c => c.Id == contactId && c.SenderCodeId == senderCodeId, ct);
        if (contact is null)
        {
            return UpdateOutcome.NotFound;
        }

        if (contact.Version != form.Version)
        {
            return UpdateOutcome.Conflict;
        }

        var fields = await CustomFieldDefinitions.ForSenderCodeAsync(db, senderCodeId, ct);
        if (!ProfileChanges.Apply(contact, form, fields))
        {
            // Saving nothing must not bump the version, or it would refuse someone else's real edit.
            return UpdateOutcome.Unchanged;
        }

        // Version is the concurrency token: the UPDATE only matches the row still at the version read above.
        contact.Version++;
        contact.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
            return UpdateOutcome.Updated;
        }
        catch (DbUpdateConcurrencyException)
        {
            return UpdateOutcome.Conflict;
        }
        catch (DbUpdateException)
        {
            // A custom value someone else added meanwhile collides with ours on its key before the version check runs.
            if (await VersionMovedAsync(contactId, form.Version, ct))
            {
                return UpdateOutcome.Conflict;
            }

            throw;
        }
    }

    private async Task<bool> VersionMovedAsync(long contactId, int version, CancellationToken ct) =>
        await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Version).SingleAsync(ct) != version;
}
