using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ContactProfile;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.SingleContact;

/// <summary>Why a number cannot be subscribed to a list, and which field the message belongs next to.</summary>
public sealed record SingleContactRefusal(string Field, string Message);

public enum SingleContactOutcome
{
    Added,
    Refused,

    /// <summary>Someone else added or changed the contact since step two was shown.</summary>
    Conflict,
}

public sealed record SingleContactResult(SingleContactOutcome Outcome, string Phone, string ListName, SingleContactRefusal? Refusal = null);

/// <summary>
/// Add Contacts > Single Contact: subscribes a number to a list (creating the contact, or adding the
/// list to the existing one) and stores the profile data typed with it. The consent rules decide
/// whether the number may be subscribed at all.
/// </summary>
public sealed class SingleContactAdder(AppDbContext db, ContactConsent consent, TimeProvider clock, DateDisplay dates)
{
    /// <summary>Step one: either the reason the number cannot join the list, or step two's form (with the contact's current profile when it exists).</summary>
    public async Task<(SingleContactForm? Form, SingleContactRefusal? Refusal)> StartAsync(SenderCodeOption senderCode, ISingleContactTarget target, CancellationToken ct)
    {
        var phone = PhoneNormalizer.Normalize(target.Phone, senderCode.CountryCode).E164!;
        var list = await db.Lists.AsNoTracking().SingleAsync(l => l.Id == target.ListId && l.SenderCodeId == senderCode.Id, ct);
        var contact = await db.Contacts.AsNoTracking()
            .Include(c => c.Subscriptions)
            .Include(c => c.CustomFieldValues)
            .SingleOrDefaultAsync(c => c.SenderCodeId == senderCode.Id && c.Phone == phone, ct);
        if (contact is not null && RefusalOf(contact, list) is { } refusal)
        {
            return (null, refusal);
        }

        var form = new SingleContactForm { Phone = phone, ListId = list.Id, ListName = list.Name, Version = contact?.Version };
        if (contact is not null)
        {
            form.Fill(contact);
        }

        return (form, null);
    }

    public async Task<SingleContactResult> AddAsync(SenderCodeOption senderCode, SingleContactForm form, ConsentActor actor, CancellationToken ct)
    {
        var phone = PhoneNormalizer.Normalize(form.Phone, senderCode.CountryCode).E164!;
        var list = await db.Lists.AsNoTracking().SingleAsync(l => l.Id == form.ListId && l.SenderCodeId == senderCode.Id, ct);
        var fields = await CustomFieldDefinitions.ForSenderCodeAsync(db, senderCode.Id, ct);
        var contact = await db.Contacts
            .Include(c => c.Subscriptions)
            .Include(c => c.CustomFieldValues)
            .SingleOrDefaultAsync(c => c.SenderCodeId == senderCode.Id && c.Phone == phone, ct);

        var isNew = contact is null;
        if (contact is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            contact = db.Contacts.Add(new Contact { SenderCodeId = senderCode.Id, Phone = phone, CreatedUtc = now, UpdatedUtc = now }).Entity;
        }
        else if (contact.Version != form.Version)
        {
            // Step two showed other values (or no contact at all): saving would overwrite what someone else just stored.
            return new SingleContactResult(SingleContactOutcome.Conflict, phone, list.Name);
        }

        var outcome = consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.SingleContact), actor);
        if (outcome is not (SubscribeOutcome.Subscribed or SubscribeOutcome.Pending))
        {
            return new SingleContactResult(SingleContactOutcome.Refused, phone, list.Name, RefusalOf(contact, list));
        }

        ProfileChanges.Apply(contact, form, fields);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SingleContactResult(SingleContactOutcome.Conflict, phone, list.Name);
        }
        catch (DbUpdateException) when (isNew)
        {
            // The unique (sender code, phone) index: someone added the same number a moment ago.
            return new SingleContactResult(SingleContactOutcome.Conflict, phone, list.Name);
        }

        return new SingleContactResult(SingleContactOutcome.Added, phone, list.Name);
    }

    private SingleContactRefusal? RefusalOf(Contact contact, ContactList list)
    {
        if (contact.OptOutReason == OptOutReason.Banned)
        {
            return new(nameof(ISingleContactTarget.Phone),
                $"{contact.Phone} is banned from this sender code. A banned number can never be added again, by hand or by import.");
        }

        if (contact is { OptedOutUtc: { } optedOut, OptOutReason: { } reason })
        {
            return new(nameof(ISingleContactTarget.Phone),
                $"{contact.Phone} opted out ({reason.DisplayName()}) on {dates.Text(optedOut)}. "
                + "Only the contact texting START or UNSTOP, or an admin opting it back in from Contact Details, can subscribe it again.");
        }

        if (contact.Subscriptions.Any(s => s.ListId == list.Id))
        {
            return new(nameof(ISingleContactTarget.ListId), $"{contact.Phone} is already subscribed to {list.Name}.");
        }

        return null;
    }
}
