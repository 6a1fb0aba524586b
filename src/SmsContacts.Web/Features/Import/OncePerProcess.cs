using System.Collections.Concurrent;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The ids of one kind of job running in this process. Hangfire may run the same job twice in one process: a retry, or
/// the job it still held when the app stopped, beside the run <see cref="ImportRecovery"/> queued again at start-up. The
/// second run has nothing to add, so it returns at once (runs in other processes are kept apart by the checkpoint).
/// One instance per kind of job: an import, its preview and its undo share an id and must not block one another.
/// </summary>
public sealed class OncePerProcess
{
    private readonly ConcurrentDictionary<Guid, bool> running = new();

    /// <returns>A scope that frees the id when disposed, or null when a run of this id is already going on here.</returns>
    public IDisposable? TryEnter(Guid id) => running.TryAdd(id, true) ? new Scope(this, id) : null;

    private sealed class Scope(OncePerProcess owner, Guid id) : IDisposable
    {
        public void Dispose() => owner.running.TryRemove(id, out _);
    }
}
