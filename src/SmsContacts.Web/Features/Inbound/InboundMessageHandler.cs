using System.Data.Common;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// Takes an inbound text from the provider's webhook or the admin's simulator: stores it first, applies it second.
/// <list type="number">
/// <item>Store: the raw text is committed on its own (one INSERT, unique by MessageSid, so a replay stores
/// nothing twice). From then on it cannot be lost, whatever else fails or collides.</item>
/// <item>Apply: <see cref="StoredTextApplier"/> applies it (with any earlier text of the same number still
/// waiting, in arrival order). Another writer of the same number makes that fail; it starts again from fresh
/// data, a few times with a short random pause. If it still cannot, the webhook answers anyway (the text is
/// stored) and <see cref="ApplyStoredTextsJob"/> finishes it in the background; at start-up, and every minute,
/// the job also sweeps texts stored but never applied (a crash between the two steps).</item>
/// </list>
/// </summary>
public sealed partial class InboundMessageHandler(
    AppDbContext db,
    StoredTextApplier applier,
    TimeProvider clock,
    ISmsSender sender,
    IOutboundQueue outbound,
    IBackgroundJobClient jobs,
    SqliteWriteGate writeGate,
    ILogger<InboundMessageHandler> logger)
{
    /// <summary>Tries to apply inline before handing the text to the background job.</summary>
    private const int Attempts = 8;

    // The queries every text runs, compiled once: this path takes a burst of STOPs when a campaign goes out.
    private static readonly Func<AppDbContext, string, string, CancellationToken, Task<SenderCode?>> SenderCodeByCode =
        EF.CompileAsyncQuery((AppDbContext db, string digits, string plus, CancellationToken ct) =>
            db.SenderCodes.AsNoTracking().FirstOrDefault(s => s.Code == digits || s.Code == plus));

    private static readonly Func<AppDbContext, string, CancellationToken, Task<StoredText?>> StoredBySid =
        EF.CompileAsyncQuery((AppDbContext db, string sid, CancellationToken ct) =>
            db.Messages.Where(m => m.ProviderMessageId == sid)
                .Select(m => new StoredText(m.Id, m.SenderCodeId, m.Phone, m.ApplyPendingSinceUtc != null))
                .FirstOrDefault());

    public async Task<InboundResult> HandleAsync(InboundText text, ConsentActor actor, CancellationToken ct)
    {
        // One connection for the reads and the writes: opening one runs the per-connection pragmas each time.
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

            var (stored, tracked, earlierWaiting) = await StoreAsync(senderCode, phone, text, ct);
            if (!stored.ApplyPending)
            {
                return new InboundResult(InboundOutcome.Replay, Phone: stored.Phone);
            }

            if (stored.SenderCodeId != senderCode.Id)
            {
                // A replayed MessageSid first stored for another sender code: apply it where it was stored.
                senderCode = await db.SenderCodes.AsNoTracking().SingleAsync(s => s.Id == stored.SenderCodeId, ct);
            }

            return await ApplyAsync(senderCode, stored, tracked, earlierWaiting, actor, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Commits the raw text on its own (<see cref="InboundTextStore"/>: one INSERT, nothing for a MessageSid
    /// stored already); returns the stored row (the earlier one for a replay) and, when this call stored it,
    /// the row attached to the context as stored, so applying it does not read it back.
    /// </summary>
    private async Task<(StoredText Stored, Message? Tracked, bool? EarlierWaiting)> StoreAsync(SenderCode code, string phone, InboundText text, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var row = new InboundTextRow(
                code.Id,
                phone,
                text.Body.Length <= Message.MaxBodyLength ? text.Body : text.Body[..Message.MaxBodyLength],
                text.MessageSid,
                ProviderOptOutTypes.Normalize(text.OptOutType) ?? Shorten(text.OptOutType),
                now);
            try
            {
                if (await writeGate.RunAsync(db, () => InboundTextStore.InsertAsync(db, row, ct), ct) is { Id: var id } inserted)
                {
                    var stored = new Message
                    {
                        Id = id,
                        SenderCodeId = row.SenderCodeId,
                        Phone = row.Phone,
                        Direction = MessageDirection.Inbound,
                        Body = row.Body,
                        CreatedUtc = now,
                        DeliveredUtc = now,
                        Status = DeliveryStatus.Received,
                        ProviderMessageId = row.MessageSid,
                        OptOutType = row.OptOutType,
                        ApplyPendingSinceUtc = now,
                    };
                    db.Messages.Attach(stored);
                    return (new StoredText(id, code.Id, phone, ApplyPending: true), stored, inserted.EarlierWaiting);
                }

                if (await StoredBySid(db, text.MessageSid, ct) is { } existing)
                {
                    return (existing, null, null);
                }
            }
            catch (DbException e) when (attempt < Attempts)
            {
                // A busy database, or (SQL Server) two deliveries of one text racing: look again.
                logger.LogDebug(e, "Storing inbound text {MessageSid} failed; trying again", text.MessageSid);
            }

            if (attempt >= Attempts)
            {
                throw new InvalidOperationException($"Inbound text {text.MessageSid} could not be stored.");
            }

            await Task.Delay(Backoff(attempt), ct);
        }
    }

    private async Task<InboundResult> ApplyAsync(SenderCode code, StoredText stored, Message? tracked, bool? earlierWaiting, ConsentActor actor, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                // The first attempt works on the row just stored; after a collision everything is read afresh.
                var applied = await applier.ApplyAsync(code, stored.Phone, stored.Id, stored.Id, actor, ct, attempt == 1 ? tracked : null, attempt == 1 && earlierWaiting == false);
                if (applied.QueuedToSend > 0 && sender.IsConfigured)
                {
                    // Replies to texts applied late and welcome messages go out now rather than at the next minute's sweep.
                    outbound.SendSoon();
                }

                // Null: a concurrent delivery (or a later text of this number) applied it first.
                return applied.Answer ?? new InboundResult(InboundOutcome.Replay, Phone: stored.Phone);
            }
            catch (Exception e) when (e is DbUpdateException or DbException && attempt < Attempts)
            {
                // Someone else wrote this number between our read and our write: read again and redo.
                logger.LogDebug(e, "Applying inbound text {MessageId} collided with another change; retrying", stored.Id);
                db.ChangeTracker.Clear();
                await Task.Delay(Backoff(attempt), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not apply inbound text {MessageId} now; it is stored and a background job applies it", stored.Id);
                db.ChangeTracker.Clear();
                break;
            }
        }

        try
        {
            jobs.Enqueue<ApplyStoredTextsJob>(job => job.RunAsync(stored.Id, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not queue the job for inbound text {MessageId}; the minute's sweep applies it", stored.Id);
        }

        return new InboundResult(InboundOutcome.Stored, Phone: stored.Phone);
    }

    /// <summary>A short random pause that grows with each attempt, so colliding appliers do not collide again.</summary>
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(200, 4 << attempt)));

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

    private static string? Shorten(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 16)];

    private sealed record StoredText(long Id, int SenderCodeId, string Phone, bool ApplyPending);

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164Shape();
}
