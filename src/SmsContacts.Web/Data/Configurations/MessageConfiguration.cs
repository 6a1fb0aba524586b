using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Phone).HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(64);
        builder.Property(m => m.ErrorCode).HasMaxLength(16);
        builder.Property(m => m.OptOutType).HasMaxLength(16);

        // Only one applier may apply a stored text: the one whose UPDATE still finds it pending.
        builder.Property(m => m.ApplyPendingSinceUtc).IsConcurrencyToken();
        builder.Ignore(m => m.IsApplyPending);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(m => m.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(m => m.Contact).WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.NoAction);

        // A replayed webhook carries the same MessageSid: the unique index makes the replay a no-op.
        builder.HasIndex(m => m.ProviderMessageId).IsUnique();
        builder.HasIndex(m => new { m.ContactId, m.CreatedUtc });
        builder.HasIndex(m => m.SenderCodeId);

        // The outbound queue: the sender sweeps Queued rows, a tiny slice of a large table. The filter is
        // plain SQL both providers accept, and queries name the status as a constant so the index applies.
        builder.HasIndex(m => m.Status).HasDatabaseName("IX_Messages_Queued").HasFilter("Status = 0");

        // Inbound texts stored but not applied yet, per number, in arrival order: a handful at any time. Queries
        // say "ApplyPendingSinceUtc != null" (IS NOT NULL), which SQLite needs to see to use a partial index.
        builder.HasIndex(m => new { m.SenderCodeId, m.Phone, m.Id }).HasDatabaseName("IX_Messages_ApplyPending").HasFilter("\"ApplyPendingSinceUtc\" IS NOT NULL");

        // Texts an import queued, which undoing it cancels while they are still queued; only those rows are in the index.
        builder.HasIndex(m => new { m.ImportId, m.ContactId }).HasDatabaseName("IX_Messages_Import").HasFilter("\"ImportId\" IS NOT NULL");
    }
}
