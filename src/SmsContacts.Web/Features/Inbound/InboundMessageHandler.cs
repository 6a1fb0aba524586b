using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Phone;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// What a text from a number does: STOP words opt it out of the sender code, START/UNSTOP opt it back in,
/// HELP answers, a join keyword subscribes (pending where the list wants double opt-in), Y confirms, any
/// other reply to a pending confirmation makes it an Other Contact. The provider's webhook and the admin's
/// simulator both come here.
///
/// Each text is one short transaction: everything is read first, then the consent change, the inbound text,
/// our reply and any welcome messages are written by one SaveChanges. SQLite serialises writers, so the
/// write lock is held only for those inserts. A concurrent change to the same number (the contact's Version,
/// the unique phone and MessageSid indexes catch it) makes the whole text start again from fresh data.
/// </summary>
public sealed partial class InboundMessageHandler(
    AppDbContext db,
    ContactConsent consent,
    TimeProvider clock,
    ISmsSender sender,
    IBackgroundJobClient jobs,
    SqliteWriteGate writeGate,
    ILogger<InboundMessageHandler> logger)
{
    private const int Attempts = 4;
    private const int MaxBodyLength = 1600;

    // The queries every text runs, compiled once: this path takes a burst of STOPs when a campaign goes out.
    private static readonly Func<AppDbContext, string, string, CancellationToken, Task<SenderCode?>> SenderCodeByCode =
        EF.CompileAsyncQuery((AppDbContext db, string digits, string plus, CancellationToken ct) =>
            db.SenderCodes.AsNoTracking().FirstOrDefault(s => s.Code == digits || s.Code == plus));

    private static readonly Func<AppDbContext, string, CancellationToken, Task<bool>> MessageSidExists =
        EF.CompileAsyncQuery((AppDbContext db, string sid, CancellationToken ct) => db.Messages.Any(m => m.ProviderMessageId == sid));

    private static readonly Func<AppDbContext, int, string, CancellationToken, Task<Contact?>> ContactByPhone =
        EF.CompileAsyncQuery((AppDbContext db, int senderCodeId, string phone, CancellationToken ct) =>
            db.Contacts.Include(c => c.Subscriptions).FirstOrDefault(c => c.SenderCodeId == senderCodeId && c.Phone == phone));

    public async Task<InboundResult> HandleAsync(InboundText text, ConsentActor actor, CancellationToken ct)
    {
        // One connection for the reads and the write: opening one runs the per-connection pragmas each time.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var senderCode = await FindSenderCodeAsync(text.To, ct);
            if (senderCode is null)
            {
                logger.LogWarning("Inbound text {MessageSid} to {To}, which is no sender code of ours; ignored", text.MessageSid, text.To);
                return new InboundResult(InboundOutcome.UnknownSenderCode);
            }

            var phone = PhoneOf(text.From, senderCode.CountryCode);
            if (phone is null)
            {
                logger.LogWarning("Inbound text {MessageSid} from {From}, which is no phone number; ignored", text.MessageSid, text.From);
                return new InboundResult(InboundOutcome.InvalidNumber);
            }

            for (var attempt = 1; ; attempt++)
            {
                if (await MessageSidExists(db, text.MessageSid, ct))
                {
                    return new InboundResult(InboundOutcome.Replay, Phone: phone);
                }

                try
                {
                    var result = await ApplyAsync(senderCode, phone, text, actor, ct);
                    await writeGate.RunAsync(db, () => db.SaveChangesAsync(ct), ct);
                    if (result.WelcomeMessagesQueued > 0 && sender.IsConfigured)
                    {
                        SendSoon();
                    }

                    return result;
                }
                catch (DbUpdateException e) when (attempt < Attempts)
                {
                    // Someone else wrote this number (or this MessageSid) between our read and our write.
                    logger.LogDebug(e, "Inbound text {MessageSid} collided with another change; retrying", text.MessageSid);
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<InboundResult> ApplyAsync(SenderCode code, string phone, InboundText text, ConsentActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var word = InboundBody.KeywordOf(text.Body);
        var contact = await ContactByPhone(db, code.Id, phone, ct);

        InboundOutcome outcome;
        string? reply = null;
        var welcomes = new List<ContactList>();

        if (word is not null && InboundKeywords.Stop.Contains(word))
        {
            // A number we never saw is still recorded as opted out, so no later import can subscribe it.
            contact ??= NewContact(code, phone, now);
            outcome = contact.IsOptedOut ? InboundOutcome.AlreadyOptedOut : InboundOutcome.OptedOut;
            consent.OptOut(contact, OptOutReason.StopKeyword, actor);
            reply = InboundReplies.OptedOut(code);
        }
        else if (word is not null && InboundKeywords.Start.Contains(word))
        {
            if (contact is not { IsOptedOut: true })
            {
                outcome = InboundOutcome.AlreadyOptedIn;
                reply = InboundReplies.AlreadyOptedIn(code);
            }
            else if (await consent.OptBackInAsync(contact, actor, ct))
            {
                outcome = InboundOutcome.OptedBackIn;
                reply = InboundReplies.OptedBackIn(code);
            }
            else
            {
                // Banned: no reply either; a banned number gets nothing from us.
                outcome = InboundOutcome.OptBackInRefused;
            }
        }
        else if (word is not null && InboundKeywords.Help.Contains(word))
        {
            outcome = InboundOutcome.Help;
            reply = InboundReplies.Help(code);
        }
        else if (word is not null && InboundKeywords.Confirm.Contains(word) && HasPending(contact))
        {
            var confirmed = consent.Confirm(contact!, await PendingListsAsync(contact!, ct), actor);
            welcomes.AddRange(confirmed);
            outcome = InboundOutcome.Confirmed;
            reply = InboundReplies.Confirmed(code, confirmed);
        }
        else if (word is not null && InboundBody.CouldBeJoinKeyword(word) && await JoinListAsync(code.Id, word, ct) is { } list)
        {
            contact ??= NewContact(code, phone, now);
            var joined = consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.Keyword, word, Pending: list.DoubleOptIn), actor);
            (outcome, reply) = joined switch
            {
                SubscribeOutcome.Subscribed => (InboundOutcome.Subscribed, InboundReplies.Joined(code, list)),
                SubscribeOutcome.Pending => (InboundOutcome.PendingConfirmation, InboundReplies.ConfirmRequest(code, list)),
                SubscribeOutcome.AlreadyOnList when contact.Subscriptions.Single(s => s.ListId == list.Id).Status == SubscriptionStatus.Pending
                    => (InboundOutcome.PendingConfirmation, InboundReplies.ConfirmRequest(code, list)),
                SubscribeOutcome.AlreadyOnList => (InboundOutcome.AlreadySubscribed, InboundReplies.AlreadyJoined(code, list)),
                SubscribeOutcome.RefusedOptedOut => (InboundOutcome.JoinRefusedOptedOut, InboundReplies.JoinWhileOptedOut(code)),
                _ => (InboundOutcome.JoinRefusedBanned, (string?)null),
            };
            if (joined == SubscribeOutcome.Subscribed)
            {
                welcomes.Add(list);
            }
        }
        else if (HasPending(contact))
        {
            consent.MarkOther(contact!, Truncate(text.Body.Trim()), await PendingListsAsync(contact!, ct), actor);
            outcome = InboundOutcome.MarkedOther;
        }
        else
        {
            outcome = InboundOutcome.Received;
        }

        db.Messages.Add(new Message
        {
            SenderCodeId = code.Id,
            Contact = contact,
            Phone = phone,
            Direction = MessageDirection.Inbound,
            Body = Truncate(text.Body),
            CreatedUtc = now,
            DeliveredUtc = now,
            Status = DeliveryStatus.Received,
            ProviderMessageId = text.MessageSid,
        });

        if (reply is not null)
        {
            // Handed to the provider in the webhook's answer (TwiML), which sends it: Sent, with no id of its own.
            db.Messages.Add(Outbound(code, contact, phone, reply, DeliveryStatus.Sent, now));
        }

        // The subscription journey: each list's welcome message, sent by the outbound queue.
        var queued = 0;
        foreach (var list in welcomes.Where(l => !string.IsNullOrWhiteSpace(l.WelcomeMessage)))
        {
            db.Messages.Add(Outbound(code, contact, phone, list.WelcomeMessage!, DeliveryStatus.Queued, now));
            queued++;
        }

        if (contact is not null)
        {
            contact.LastMessageUtc = now;
        }

        return new InboundResult(outcome, reply, phone, queued);
    }

    /// <summary>Welcome messages go out now rather than at the next minute's sweep, which still catches them if this fails.</summary>
    private void SendSoon()
    {
        try
        {
            jobs.Enqueue<SendQueuedMessagesJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not start sending the queued welcome messages now; the next sweep sends them");
        }
    }

    /// <summary>The sender code the text was sent to; codes are stored as digits (short codes) or +digits (long numbers).</summary>
    private async Task<SenderCode?> FindSenderCodeAsync(string to, CancellationToken ct)
    {
        var digits = PhoneNormalizer.DigitsOf(to);
        if (digits.Length == 0)
        {
            return null;
        }

        return await SenderCodeByCode(db, digits, "+" + digits, ct);
    }

    /// <summary>
    /// The texter in E.164. A number the provider gives in E.164 form is accepted even when libphonenumber's
    /// metadata does not know its range yet: refusing a real STOP because of stale metadata is not an option.
    /// </summary>
    private static string? PhoneOf(string from, string region)
    {
        var normalized = PhoneNormalizer.Normalize(from, region);
        if (normalized.E164 is { } e164)
        {
            return e164;
        }

        var trimmed = from.Trim();
        return E164Shape().IsMatch(trimmed) ? trimmed : null;
    }

    private static bool HasPending(Contact? contact) =>
        contact is not null && contact.Subscriptions.Any(s => s.Status == SubscriptionStatus.Pending);

    private async Task<List<ContactList>> PendingListsAsync(Contact contact, CancellationToken ct)
    {
        var ids = contact.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending).Select(s => s.ListId).ToList();
        return await db.Lists.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
    }

    private async Task<ContactList?> JoinListAsync(int senderCodeId, string word, CancellationToken ct) =>
        await db.ListKeywords.AsNoTracking()
            .Where(k => k.SenderCodeId == senderCodeId && k.Keyword == word)
            .Select(k => k.List)
            .SingleOrDefaultAsync(ct);

    private Contact NewContact(SenderCode code, string phone, DateTime now)
    {
        var contact = new Contact { SenderCodeId = code.Id, Phone = phone, CreatedUtc = now, UpdatedUtc = now };
        db.Contacts.Add(contact);
        return contact;
    }

    private static Message Outbound(SenderCode code, Contact? contact, string phone, string body, DeliveryStatus status, DateTime now) => new()
    {
        SenderCodeId = code.Id,
        Contact = contact,
        Phone = phone,
        Direction = MessageDirection.Outbound,
        Body = Truncate(body),
        CreatedUtc = now,
        Status = status,
    };

    private static string Truncate(string body) => body.Length <= MaxBodyLength ? body : body[..MaxBodyLength];

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164Shape();
}
