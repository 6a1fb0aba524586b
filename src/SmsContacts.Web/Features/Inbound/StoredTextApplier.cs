using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>What applying a number's stored texts did.</summary>
/// <param name="Answer">The result of the text being answered (the webhook's own), or null when another applier already applied it.</param>
/// <param name="Applied">How many stored texts were applied (the answered one and any earlier ones still waiting).</param>
/// <param name="QueuedToSend">Outbound texts queued for the provider's API (welcome messages, replies to texts applied late).</param>
public sealed record ApplyResult(InboundResult? Answer, int Applied, int QueuedToSend);

/// <summary>
/// Applies stored inbound texts (<see cref="Message.ApplyPendingSinceUtc"/>) of one number, in the order they were
/// stored, in one transaction: every earlier text of that number still waiting is applied first, so the
/// number ends in the state its last text asks for, whoever applies which. The provider's webhook carries no
/// time of its own (Twilio posts no timestamp with an inbound text), so "last" means last stored here.
///
/// What a text does: the provider's OptOutType, when present, decides (STOP, START, HELP); otherwise
/// <see cref="InboundMatcher"/> reads it: an opt-out (keyword or plain language) opts the number out of the
/// sender code, even a number we never saw; START-words opt it back in; HELP-words answer; a text that might
/// mean stop waits in Needs review; Y confirms a pending double opt-in; a join keyword subscribes; any other
/// reply to a pending confirmation makes an Other Contact.
///
/// A concurrent applier of the same number fails our SaveChanges (the texts' ApplyPendingSinceUtc and the contact's
/// Version are concurrency tokens, the phone is unique): the caller starts again from fresh data.
/// </summary>
public sealed class StoredTextApplier(AppDbContext db, ContactConsent consent, TimeProvider clock, SqliteWriteGate writeGate)
{
    private const int MaxBodyLength = 1600;

    private static readonly Func<AppDbContext, int, string, long, IAsyncEnumerable<Message>> PendingTexts =
        EF.CompileAsyncQuery<AppDbContext, int, string, long, Message>((db, senderCodeId, phone, throughId) =>
            db.Messages.Where(m => m.SenderCodeId == senderCodeId && m.Phone == phone && m.ApplyPendingSinceUtc != null && m.Id <= throughId).OrderBy(m => m.Id));

    private static readonly Func<AppDbContext, int, string, CancellationToken, Task<Contact?>> ContactByPhone =
        EF.CompileAsyncQuery((AppDbContext db, int senderCodeId, string phone, CancellationToken ct) =>
            db.Contacts.Include(c => c.Subscriptions).FirstOrDefault(c => c.SenderCodeId == senderCodeId && c.Phone == phone));

    /// <summary>
    /// Applies the number's stored texts up to and including <paramref name="throughId"/>, in Id order, and saves.
    /// </summary>
    /// <param name="answerFor">The text whose reply goes back in the webhook's answer (TwiML); replies to the others are queued.</param>
    /// <param name="answerActor">Who the answered text's consent events name (the webhook, or the admin using the simulator).</param>
    /// <param name="justStored">The text <paramref name="throughId"/> as its store left it tracked, so it is not read back; null to read it.</param>
    /// <param name="noneWaitingBefore">The store saw no earlier text of the number waiting (then none is looked for).</param>
    /// <exception cref="DbUpdateException">Another writer changed this number or applied one of these texts first: start again.</exception>
    public async Task<ApplyResult> ApplyAsync(
        SenderCode code, string phone, long throughId, long? answerFor, ConsentActor? answerActor, CancellationToken ct, Message? justStored = null, bool noneWaitingBefore = false)
    {
        var texts = new List<Message>();
        if (justStored is null || !noneWaitingBefore)
        {
            await foreach (var text in PendingTexts(db, code.Id, phone, justStored is null ? throughId : throughId - 1).WithCancellation(ct))
            {
                texts.Add(text);
            }
        }

        if (justStored is not null)
        {
            texts.Add(justStored);
        }

        if (texts.Count == 0)
        {
            return new ApplyResult(null, 0, 0);
        }

        var contact = await ContactByPhone(db, code.Id, phone, ct);
        var matcher = InboundMatcher.For(code);
        InboundResult? answer = null;
        var queued = 0;
        async Task ApplyInOrderAsync(bool saveEach)
        {
            foreach (var text in texts)
            {
                var answered = text.Id == answerFor;
                var actor = answered && answerActor is not null
                    ? answerActor with { MessageSid = text.ProviderMessageId }
                    : new ConsentActor(ConsentSource.InboundText, MessageSid: text.ProviderMessageId);
                var step = await ApplyOneAsync(code, phone, contact, text, matcher, actor, answered, ct);
                contact = step.Contact;
                queued += step.Queued;
                if (answered)
                {
                    answer = step.Result;
                }

                if (saveEach)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
        }

        if (texts.Count == 1)
        {
            // The usual case: read outside the write lock, write in one short SaveChanges.
            await ApplyInOrderAsync(saveEach: false);
            await writeGate.RunAsync(db, () => db.SaveChangesAsync(ct), ct);
        }
        else
        {
            // Several texts of one number: each builds on the one before (a STOP's remembered lists are what the
            // START after it restores, on the contact this call keeps tracked). Each is saved before the next is
            // applied, all in one transaction.
            await writeGate.RunAsync(db, async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await ApplyInOrderAsync(saveEach: true);
                await transaction.CommitAsync(ct);
                return texts.Count;
            }, ct);
        }

        return new ApplyResult(answer, texts.Count, queued);
    }

    /// <summary>
    /// Applies one text: reads it (the provider's OptOutType decides first), lets the outcome's own method change the
    /// number, then queues the reply and welcome messages that outcome asks for.
    /// </summary>
    private async Task<(InboundResult Result, Contact? Contact, int Queued)> ApplyOneAsync(
        SenderCode code, string phone, Contact? contact, Message text, InboundMatcher matcher, ConsentActor actor, bool answered, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var providerType = ProviderOptOutTypes.Normalize(text.OptOutType);
        var reading = providerType switch
        {
            ProviderOptOutTypes.Stop => new InboundReading(InboundMeaning.OptOut, KeywordText.Key(text.Body), ProviderOptOutTypes.Stop),
            ProviderOptOutTypes.Start => new InboundReading(InboundMeaning.OptIn, KeywordText.Key(text.Body), ProviderOptOutTypes.Start),
            ProviderOptOutTypes.Help => new InboundReading(InboundMeaning.Help, KeywordText.Key(text.Body), ProviderOptOutTypes.Help),
            _ => matcher.Read(text.Body),
        };

        Step step;
        if (reading.Meaning == InboundMeaning.OptOut)
        {
            step = await OptOutAsync(code, phone, contact, text, reading, providerType, actor, now, ct);
        }
        else if (reading.Meaning == InboundMeaning.OptIn)
        {
            step = await OptInAsync(code, contact, text, providerType, actor, ct);
        }
        else if (reading.Meaning == InboundMeaning.Help)
        {
            step = new Step(InboundOutcome.Help, contact, InboundReplies.Help(code));
        }
        else if (reading.Meaning == InboundMeaning.Confirm && HasPending(contact))
        {
            step = await ConfirmAsync(code, contact!, actor, ct);
        }
        else if (reading.Meaning == InboundMeaning.Review)
        {
            step = await ReviewAsync(code, phone, contact, text, reading, actor, now, ct);
        }
        else if (reading.Meaning == InboundMeaning.Other && reading.Key.Length is >= 2 and <= 30 && await JoinKeywordAsync(code.Id, reading.Key, ct) is { } join)
        {
            step = Join(code, phone, contact, text, join, actor);
        }
        else if (HasPending(contact))
        {
            step = await MarkOtherAsync(contact!, text, actor, ct);
        }
        else
        {
            step = new Step(InboundOutcome.Received, contact);
        }

        // The provider has answered a text it read as a keyword itself: we add nothing.
        var reply = providerType is null ? step.Reply : null;
        contact = step.Contact;
        text.ApplyPendingSinceUtc = null;
        text.Contact = contact;
        var queued = 0;
        if (reply is not null)
        {
            // The answered text's reply rides in the webhook's answer (TwiML), which the provider sends: Sent, no id
            // of its own. A text applied late (by a job, or with a later text of the same number) is answered by API.
            db.Messages.Add(Outbound(code, contact, phone, reply, answered ? DeliveryStatus.Sent : DeliveryStatus.Queued, now, step.ReplyIsConfirmation));
            queued += answered ? 0 : 1;
        }

        // The subscription journey: each list's welcome message, sent by the outbound queue.
        var welcomed = 0;
        foreach (var list in (step.Welcomes ?? []).Where(l => !string.IsNullOrWhiteSpace(l.WelcomeMessage)))
        {
            db.Messages.Add(Outbound(code, contact, phone, list.WelcomeMessage!, DeliveryStatus.Queued, now, isConfirmation: false));
            welcomed++;
        }

        // Last Message Date is when a text was last sent TO the number (the help article's words), not its reply: the
        // answer in the webhook's response goes out now; queued texts set it when the outbound queue sends them.
        if (contact is not null && reply is not null && answered && (contact.LastMessageUtc is null || contact.LastMessageUtc < now))
        {
            contact.LastMessageUtc = now;
        }

        return (new InboundResult(step.Outcome, answered ? reply : null, phone, welcomed), contact, queued + welcomed);
    }

    /// <summary>
    /// An opt-out (keyword, plain language, or the provider's STOP): the number leaves the whole sender code, even one we
    /// never saw (recorded as opted out, so no later import can subscribe it). One confirmation per opt-out, in time.
    /// </summary>
    private async Task<Step> OptOutAsync(
        SenderCode code, string phone, Contact? contact, Message text, InboundReading reading, string? providerType, ConsentActor actor, DateTime now, CancellationToken ct)
    {
        contact ??= NewContact(code, phone, text.CreatedUtc);
        if (contact.IsOptedOut)
        {
            // A repeated STOP gets no second confirmation.
            return new Step(InboundOutcome.AlreadyOptedOut, contact);
        }

        var (outcome, detail) = providerType is not null
            ? (InboundOutcome.OptedOutByProvider, $"Opted out by the SMS provider (it read the text as {providerType})")
            : reading.Basis == OptOutBasis.PlainLanguage
                ? (InboundOutcome.OptedOutPlainLanguage, "Plain-language opt-out")
                : (InboundOutcome.OptedOut, $"Opt-out keyword {reading.Matched}");
        await db.LoadForOptOutAsync(contact, ct);
        consent.OptOut(contact, OptOutReason.StopKeyword, actor with { Detail = Quote(detail, text.Body) });
        return providerType is null && OptOutConfirmations.InTime(text.CreatedUtc, now)
            ? new Step(outcome, contact, OptOutConfirmations.For(code), ReplyIsConfirmation: true)
            : new Step(outcome, contact);
    }

    /// <summary>START and its kin: an opted-out number goes back on the lists it left; a banned one stays banned, unanswered.</summary>
    private async Task<Step> OptInAsync(SenderCode code, Contact? contact, Message text, string? providerType, ConsentActor actor, CancellationToken ct)
    {
        if (contact is not { IsOptedOut: true })
        {
            return new Step(InboundOutcome.AlreadyOptedIn, contact, InboundReplies.AlreadyOptedIn(code));
        }

        if (contact.OptOutReason == OptOutReason.Banned)
        {
            // No reply either: a banned number gets nothing from us.
            return new Step(InboundOutcome.OptBackInRefused, contact);
        }

        await db.LoadConsentStateAsync(contact, ct);
        var optInActor = providerType is not null ? actor with { Detail = Quote($"Provider opt-in (OptOutType {providerType})", text.Body) } : actor;
        return consent.OptBackIn(contact, optInActor)
            ? new Step(InboundOutcome.OptedBackIn, contact, InboundReplies.OptedBackIn(code))
            : new Step(InboundOutcome.OptBackInRefused, contact);
    }

    /// <summary>Y to a pending double opt-in: the pending subscriptions become active, and each list's welcome goes out.</summary>
    private async Task<Step> ConfirmAsync(SenderCode code, Contact contact, ConsentActor actor, CancellationToken ct)
    {
        var confirmed = consent.Confirm(contact, await PendingListsAsync(contact, ct), actor);
        return new Step(InboundOutcome.Confirmed, contact, InboundReplies.Confirmed(code, confirmed), Welcomes: confirmed);
    }

    /// <summary>
    /// A text that might mean stop: it waits in Needs review for a person (unless the number is opted out already), and
    /// it is no Y, so a pending confirmation fails as any other reply does.
    /// </summary>
    private async Task<Step> ReviewAsync(
        SenderCode code, string phone, Contact? contact, Message text, InboundReading reading, ConsentActor actor, DateTime now, CancellationToken ct)
    {
        var outcome = contact is { IsOptedOut: true } ? InboundOutcome.Received : InboundOutcome.NeedsReview;
        if (outcome == InboundOutcome.NeedsReview)
        {
            db.OptOutReviews.Add(new OptOutReview
            {
                SenderCodeId = code.Id,
                Message = text,
                Phone = phone,
                Contact = contact,
                Reason = Truncate(reading.Why ?? "Might mean stop.", 300),
                CreatedUtc = now,
            });
        }

        return HasPending(contact)
            ? await MarkOtherAsync(contact!, text, actor, ct) with { Outcome = outcome }
            : new Step(outcome, contact);
    }

    /// <summary>A list's join keyword: subscribes the number (pending with double opt-in), unless it is opted out or banned.</summary>
    private Step Join(SenderCode code, string phone, Contact? contact, Message text, ListKeyword join, ConsentActor actor)
    {
        var list = join.List!;
        contact ??= NewContact(code, phone, text.CreatedUtc);
        var joined = consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.Keyword, join.Keyword, Pending: list.DoubleOptIn), actor);
        return joined switch
        {
            SubscribeOutcome.Subscribed => new Step(InboundOutcome.Subscribed, contact, InboundReplies.Joined(code, list), Welcomes: [list]),
            SubscribeOutcome.Pending => new Step(InboundOutcome.PendingConfirmation, contact, InboundReplies.ConfirmRequest(code, list)),
            SubscribeOutcome.AlreadyOnList when contact.Subscriptions.Single(s => s.ListId == list.Id).Status == SubscriptionStatus.Pending
                => new Step(InboundOutcome.PendingConfirmation, contact, InboundReplies.ConfirmRequest(code, list)),
            SubscribeOutcome.AlreadyOnList => new Step(InboundOutcome.AlreadySubscribed, contact, InboundReplies.AlreadyJoined(code, list)),
            SubscribeOutcome.RefusedOptedOut => new Step(InboundOutcome.JoinRefusedOptedOut, contact, InboundReplies.JoinWhileOptedOut(code)),
            _ => new Step(InboundOutcome.JoinRefusedBanned, contact),
        };
    }

    /// <summary>Any reply but Y to a pending confirmation: the pending subscriptions are dropped, the number is an Other Contact.</summary>
    private async Task<Step> MarkOtherAsync(Contact contact, Message text, ConsentActor actor, CancellationToken ct)
    {
        consent.MarkOther(contact, Truncate(text.Body, MaxBodyLength), await PendingListsAsync(contact, ct), actor);
        return new Step(InboundOutcome.MarkedOther, contact);
    }

    /// <summary>"Plain-language opt-out: "stop please"": the consent event quotes what the number sent.</summary>
    private static string Quote(string what, string body) => $"{what}: \"{Truncate(body, MaxBodyLength)}\"";

    private static bool HasPending(Contact? contact) =>
        contact is not null && contact.Subscriptions.Any(s => s.Status == SubscriptionStatus.Pending);

    private async Task<List<ContactList>> PendingListsAsync(Contact contact, CancellationToken ct)
    {
        var ids = contact.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending).Select(s => s.ListId).ToList();
        return await db.Lists.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
    }

    private async Task<ListKeyword?> JoinKeywordAsync(int senderCodeId, string key, CancellationToken ct) =>
        await db.ListKeywords.AsNoTracking()
            .Include(k => k.List)
            .Where(k => k.SenderCodeId == senderCodeId && k.MatchKey == key)
            .SingleOrDefaultAsync(ct);

    /// <summary>A number we first hear from exists from when its text was stored (before it is applied), so its text is not older than it.</summary>
    private Contact NewContact(SenderCode code, string phone, DateTime firstTextUtc)
    {
        var contact = new Contact { SenderCodeId = code.Id, Phone = phone, CreatedUtc = firstTextUtc, UpdatedUtc = firstTextUtc };
        db.Contacts.Add(contact);
        return contact;
    }

    private static Message Outbound(SenderCode code, Contact? contact, string phone, string body, DeliveryStatus status, DateTime now, bool isConfirmation) => new()
    {
        SenderCodeId = code.Id,
        Contact = contact,
        Phone = phone,
        Direction = MessageDirection.Outbound,
        Body = Truncate(body, MaxBodyLength),
        CreatedUtc = now,
        Status = status,
        IsOptOutConfirmation = isConfirmation,
    };

    private static string Truncate(string body, int max) => body.Length <= max ? body : body[..max];

    /// <summary>What one text did: its outcome, the number (created for a STOP or a join), the reply it asks for, the lists to welcome.</summary>
    private sealed record Step(InboundOutcome Outcome, Contact? Contact, string? Reply = null, bool ReplyIsConfirmation = false, IReadOnlyList<ContactList>? Welcomes = null);
}
