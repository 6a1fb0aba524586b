using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// Finishes inbound texts that were stored but not applied: one the webhook could not apply in time (queued by
/// <see cref="InboundMessageHandler"/> with its id), or any left behind by a crash between storing and applying
/// (the sweep, at start-up and every minute). Safe to run twice or beside the webhook: each text is applied
/// once (<see cref="Message.ApplyPendingSinceUtc"/> is a concurrency token), and a number's texts always in arrival order.
/// Replies to texts applied here go out by the provider's API, as queued texts.
/// </summary>
public sealed class ApplyStoredTextsJob(
    AppDbContext db,
    StoredTextApplier applier,
    TimeProvider clock,
    ISmsSender sender,
    IOutboundQueue outbound,
    ILogger<ApplyStoredTextsJob> logger)
{
    /// <summary>The minute's sweep leaves texts younger than this to the webhook request still applying them.</summary>
    public const int SweepMinimumAgeSeconds = 30;

    private const int Attempts = 20;

    /// <summary>Applies the stored text <paramref name="messageId"/> (with any earlier text of its number still waiting).</summary>
    /// <exception cref="DbUpdateException">Still colliding after many attempts: Hangfire runs the job again later.</exception>
    public async Task RunAsync(long messageId, CancellationToken ct)
    {
        var text = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.SenderCodeId, m.Phone, ApplyPending = m.ApplyPendingSinceUtc != null })
            .SingleOrDefaultAsync(ct);
        if (text is not { ApplyPending: true })
        {
            return;
        }

        await ApplyNumberAsync(text.SenderCodeId, text.Phone, messageId, ct);
    }

    /// <summary>
    /// Applies every text stored at least <paramref name="minimumAgeSeconds"/> ago and not applied, number by number.
    /// Returns how many texts it applied.
    /// </summary>
    public async Task<int> SweepAsync(int minimumAgeSeconds, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddSeconds(-minimumAgeSeconds);
        var numbers = await db.Messages.AsNoTracking()
            .Where(m => m.ApplyPendingSinceUtc != null && m.ApplyPendingSinceUtc <= cutoff)
            .GroupBy(m => new { m.SenderCodeId, m.Phone })
            .Select(g => new { g.Key.SenderCodeId, g.Key.Phone, LastId = g.Max(m => m.Id) })
            .ToListAsync(ct);
        var applied = 0;
        foreach (var number in numbers)
        {
            applied += await ApplyNumberAsync(number.SenderCodeId, number.Phone, number.LastId, ct);
        }

        if (applied > 0)
        {
            logger.LogInformation("Applied {Count} stored inbound texts that were waiting", applied);
        }

        return applied;
    }

    private async Task<int> ApplyNumberAsync(int senderCodeId, string phone, long throughId, CancellationToken ct)
    {
        var code = await db.SenderCodes.AsNoTracking().SingleAsync(s => s.Id == senderCodeId, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await applier.ApplyAsync(code, phone, throughId, answerFor: null, answerActor: null, ct);
                if (result.QueuedToSend > 0 && sender.IsConfigured)
                {
                    outbound.SendSoon();
                }

                return result.Applied;
            }
            catch (Exception e) when (e is DbUpdateException or DbException && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50 * Math.Min(attempt, 10))), ct);
            }
        }
    }
}

/// <summary>
/// Start-up recovery of inbound texts (run by <see cref="BackgroundWork"/> on every instance): queues the sweep when
/// texts were stored but never applied (the app stopped between the two steps).
/// </summary>
public sealed class InboundRecovery(AppDbContext db, IBackgroundJobClient jobs, ILogger<InboundRecovery> logger)
{
    public async Task QueueUnappliedAsync(CancellationToken ct)
    {
        var waiting = await db.Messages.CountAsync(m => m.ApplyPendingSinceUtc != null, ct);
        if (waiting > 0)
        {
            jobs.Enqueue<ApplyStoredTextsJob>(job => job.SweepAsync(0, CancellationToken.None));
            logger.LogInformation("Queued {Count} stored inbound texts that were never applied", waiting);
        }
    }
}
