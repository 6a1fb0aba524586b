using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>
/// Applies one consent change to one contact and saves it. The contact comes with everything the consent rules read
/// (<see cref="ConsentLoading.WithConsentState"/>). The contact's version is a concurrency
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
            var contact = await db.Contacts.WithConsentState().SingleAsync(c => c.Id == contactId, ct);
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
