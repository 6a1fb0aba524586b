namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The bulk write path of the import: the one seam behind which each database provider applies the
/// consent rules set-based (staged batch, then a few statements per batch) instead of row by row.
/// A batch, its rejected rows, its counts and the import's checkpoint commit in one transaction, so an
/// import that is killed resumes after its last committed batch with nothing written twice.
/// </summary>
public interface IContactBulkWriter : IAsyncDisposable
{
    Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken ct);
}

public interface IContactBulkWriterFactory
{
    /// <summary>Opens a writer for one run of one import (a connection and its staging table).</summary>
    Task<IContactBulkWriter> OpenAsync(ImportPlan plan, CancellationToken ct);
}
