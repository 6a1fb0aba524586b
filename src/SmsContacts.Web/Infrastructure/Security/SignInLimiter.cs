using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// Slows password guessing down without locking the real user out (OWASP's "device cookies" scheme).
/// Failures count per account (by email, whether or not a user has it) and per client network; past a
/// few free attempts, each further attempt must wait, doubling from 30 seconds to at most 15 minutes.
/// A browser the account signed in from before carries a device cookie: its attempts count on the
/// device instead of the account, so an attacker elsewhere hammering the account does not make its
/// owner wait, and it is not held back by other people's failures on the same network.
/// An attempt made while waiting is refused without being checked or counted.
/// </summary>
public sealed class SignInLimiter(AppDbContext db, TimeProvider clock)
{
    /// <summary>Failed attempts on one account (or one device) before the first wait.</summary>
    public const int FreeAccountFailures = 5;

    /// <summary>Failed attempts from one network (any accounts) before the first wait.</summary>
    public const int FreeNetworkFailures = 20;

    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    /// <summary>A day without failures forgets the count.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>
    /// Holds this attempt's keys until disposed: take it before <see cref="WaitAsync"/> and keep it until the
    /// failure or success is recorded, so that simultaneous attempts are checked one after another.
    /// </summary>
    public Task<IAsyncDisposable> OneAttemptAtATimeAsync(SignInAttemptKeys keys, CancellationToken ct) =>
        AttemptLocks.AcquireAsync(keys.Counted().Select(k => k.Key), ct);

    /// <summary>How long the attempt must still wait (zero: it may go ahead).</summary>
    public async Task<TimeSpan> WaitAsync(SignInAttemptKeys keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = keys.Counted().Select(k => k.Key).ToList();
        var rows = await db.SignInThrottles.AsNoTracking().Where(t => wanted.Contains(t.Key)).ToListAsync(ct);
        var wait = TimeSpan.Zero;
        foreach (var (key, free) in keys.Counted())
        {
            if (rows.SingleOrDefault(r => r.Key == key) is { } row && row.LastFailureUtc > now - Memory)
            {
                var until = row.LastFailureUtc + Delay(row.Failures, free);
                if (until - now > wait)
                {
                    wait = until - now;
                }
            }
        }

        return wait;
    }

    public async Task RecordFailureAsync(SignInAttemptKeys keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var forgotten = now - Memory;
        foreach (var (key, _) in keys.Counted())
        {
            // One statement, so two instances counting at once both count.
            var updated = await db.SignInThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Failures, t => t.LastFailureUtc < forgotten ? 1 : t.Failures + 1)
                      .SetProperty(t => t.LastFailureUtc, now),
                ct);
            if (updated == 0)
            {
                db.SignInThrottles.Add(new SignInThrottle { Key = key, Failures = 1, LastFailureUtc = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another request inserted the row first: count on it.
                    db.ChangeTracker.Clear();
                    await db.SignInThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(
                        s => s.SetProperty(t => t.Failures, t => t.Failures + 1).SetProperty(t => t.LastFailureUtc, now), ct);
                }
            }
        }

        // Failures create the rows, so failures clear the old ones: an attacker's made-up emails do not pile up.
        await db.SignInThrottles.Where(t => t.LastFailureUtc < forgotten).ExecuteDeleteAsync(ct);
    }

    /// <summary>The owner got in: their account's (or device's) count starts again. The network's does not.</summary>
    public Task RecordSuccessAsync(SignInAttemptKeys keys, CancellationToken ct)
    {
        var key = keys.Device is { } device ? DeviceKey(device) : AccountKey(keys.NormalizedEmail);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>An admin's unlock: the account may try again at once, from anywhere.</summary>
    public Task UnlockAsync(string normalizedEmail, CancellationToken ct)
    {
        var key = AccountKey(normalizedEmail);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>Failed attempts in a row on each of these accounts, and until when each must wait (only those waiting now).</summary>
    public async Task<Dictionary<string, DateTime>> WaitingAccountsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.Key.StartsWith(AccountPrefix) && t.Failures >= FreeAccountFailures && t.LastFailureUtc > now - Memory)
            .ToListAsync(ct);
        return rows
            .Select(r => (Email: r.Key[AccountPrefix.Length..], Until: r.LastFailureUtc + Delay(r.Failures, FreeAccountFailures)))
            .Where(r => r.Until > now)
            .ToDictionary(r => r.Email, r => r.Until);
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row: none for the free ones, then 30 s doubling to 15 min.</summary>
    public static TimeSpan Delay(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 10);
        var wait = FirstWait * (1 << doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    internal const string AccountPrefix = "account:";

    internal static string AccountKey(string normalizedEmail) => Truncate(AccountPrefix + normalizedEmail);

    internal static string DeviceKey(string deviceId) => Truncate("device:" + deviceId);

    /// <summary>An IPv4 address counts alone; an IPv6 address by its /64, which one client usually holds whole.</summary>
    internal static string NetworkKey(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return "ip:" + new IPAddress(bytes) + "/64";
        }

        return "ip:" + address;
    }

    private static string Truncate(string key) => key.Length <= SignInThrottle.MaxKeyLength ? key : key[..SignInThrottle.MaxKeyLength];
}

/// <summary>
/// What one sign-in attempt counts against: the account (unless a device cookie of that account was
/// presented, then the device) and the client's network (unless the device is known).
/// </summary>
public sealed record SignInAttemptKeys(string NormalizedEmail, IPAddress? ClientAddress, string? Device)
{
    public IEnumerable<(string Key, int Free)> Counted()
    {
        if (Device is not null)
        {
            yield return (SignInLimiter.DeviceKey(Device), SignInLimiter.FreeAccountFailures);
            yield break;
        }

        yield return (SignInLimiter.AccountKey(NormalizedEmail), SignInLimiter.FreeAccountFailures);
        yield return (SignInLimiter.NetworkKey(ClientAddress), SignInLimiter.FreeNetworkFailures);
    }
}
