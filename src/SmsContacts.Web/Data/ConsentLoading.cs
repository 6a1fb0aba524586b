using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// Loads onto tracked contacts what <see cref="ContactConsent"/> reads but, being pure rules, never queries: the list of
/// each subscription (its name goes into the consent events) and the suspended subscriptions (the lists an opt-out
/// remembered for START) with their lists. Callers load on the branches that change consent only, and only what the
/// change needs, so the inbound webhook's usual path (a STOP from a number we never saw) runs no query for it.
/// </summary>
public static class ConsentLoading
{
    /// <summary>Contacts with everything any consent change reads (user actions: Unsubscribe, Ban, Opt back in).</summary>
    public static IQueryable<Contact> WithConsentState(this IQueryable<Contact> contacts) =>
        contacts
            .Include(c => c.Subscriptions).ThenInclude(s => s.List)
            .Include(c => c.SuspendedSubscriptions!).ThenInclude(s => s.List)
            .AsSplitQuery();

    /// <summary>
    /// What <see cref="ContactConsent.OptOut"/> (and <see cref="ContactConsent.Unsubscribe"/> of the last list) reads:
    /// the lists of the subscriptions, and the suspended subscriptions when an active subscription is to be remembered.
    /// Nothing for a contact not saved yet, or one already opted out (the opt-out then changes nothing).
    /// </summary>
    public static async Task LoadForOptOutAsync(this AppDbContext db, Contact contact, CancellationToken ct)
    {
        if (contact.IsOptedOut)
        {
            return;
        }

        await LoadListsOfSubscriptionsAsync(db, contact, ct);
        if (contact.Subscriptions.Any(s => s.Status == SubscriptionStatus.Active))
        {
            await LoadSuspendedAsync(db, contact, ct);
        }
    }

    /// <summary>Everything any consent change reads (a ban, an opt back in), for a contact already tracked.</summary>
    public static async Task LoadConsentStateAsync(this AppDbContext db, Contact contact, CancellationToken ct)
    {
        await LoadListsOfSubscriptionsAsync(db, contact, ct);
        await LoadSuspendedAsync(db, contact, ct);
    }

    /// <summary>The lists not yet on the subscriptions, tracked, so EF sets each <see cref="Subscription.List"/>.</summary>
    private static async Task LoadListsOfSubscriptionsAsync(AppDbContext db, Contact contact, CancellationToken ct)
    {
        var missing = contact.Subscriptions.Where(s => s.List is null).Select(s => s.ListId).Distinct().ToList();
        if (missing.Count > 0)
        {
            await db.Lists.Where(l => missing.Contains(l.Id)).LoadAsync(ct);
        }
    }

    private static async Task LoadSuspendedAsync(AppDbContext db, Contact contact, CancellationToken ct)
    {
        if (contact.SuspendedSubscriptions is not null)
        {
            return;
        }

        if (contact.Id == 0)
        {
            contact.SuspendedSubscriptions = [];
            return;
        }

        await db.Entry(contact).Collection(c => c.SuspendedSubscriptions!).Query().Include(s => s.List).LoadAsync(ct);

        // EF leaves a collection it found nothing for as it was: loaded and empty is an empty list, not "not read".
        contact.SuspendedSubscriptions ??= [];
        db.Entry(contact).Collection(c => c.SuspendedSubscriptions!).IsLoaded = true;
    }
}
