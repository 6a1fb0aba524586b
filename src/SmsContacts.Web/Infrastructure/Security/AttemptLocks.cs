using System.Collections.Concurrent;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// One attempt at a time per counted key (account, device, network) in this process, so that a burst of
/// simultaneous guesses cannot all pass the check before the first of them is counted: each waits for the
/// one before, then sees its count. Several app instances let at most one attempt per instance through
/// at once. Keys are taken in order, so two attempts sharing keys never wait on each other in a circle.
/// </summary>
internal static class AttemptLocks
{
    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    public static async Task<IAsyncDisposable> AcquireAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var held = new List<Hold>();
        try
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var hold = new Hold(key, Retain(key));
                held.Add(hold);
                await hold.Entry.Gate.WaitAsync(ct);
                hold.Entered = true;
            }
        }
        catch
        {
            Release(held);
            throw;
        }

        return new Releaser(held);
    }

    private static Entry Retain(string key)
    {
        while (true)
        {
            var entry = Entries.GetOrAdd(key, _ => new Entry());
            lock (entry)
            {
                if (!entry.Removed)
                {
                    entry.Users++;
                    return entry;
                }
            }
        }
    }

    private static void Release(List<Hold> held)
    {
        foreach (var hold in held)
        {
            var (key, entry) = (hold.Key, hold.Entry);
            if (hold.Entered)
            {
                hold.Entered = false;
                entry.Gate.Release();
            }

            lock (entry)
            {
                if (--entry.Users == 0)
                {
                    // Nobody holds or waits for it: forget it, so made-up emails do not pile up in memory.
                    entry.Removed = true;
                    Entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Removed { get; set; }
    }

    private sealed class Hold(string key, Entry entry)
    {
        public string Key { get; } = key;

        public Entry Entry { get; } = entry;

        public bool Entered { get; set; }
    }

    private sealed class Releaser(List<Hold> held) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Release(held);
            }

            return ValueTask.CompletedTask;
        }
    }
}
