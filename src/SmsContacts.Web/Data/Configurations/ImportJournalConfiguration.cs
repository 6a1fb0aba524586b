using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// The import journal (<see cref="ImportJournalEntry"/>). No foreign keys: the bulk writers insert a row per contact a
/// batch writes, and a key checked on each would cost the import; the rows name an import and contacts that are never
/// deleted while the journal is kept.
/// </summary>
internal sealed class ImportJournalConfiguration : IEntityTypeConfiguration<ImportJournalEntry>
{
    public void Configure(EntityTypeBuilder<ImportJournalEntry> builder)
    {
        builder.ToTable("ImportJournal");

        // Undo walks one import's rows in contact order, a batch at a time; the only index, so each row the import writes costs one
        // (ImportUndoSql.HandOnVersion finds a contact's rows of other imports by this key too).
        builder.HasKey(j => new { j.ImportId, j.ContactId });
        builder.Property(j => j.EmailBefore).HasMaxLength(254);
        builder.Property(j => j.EmailAfter).HasMaxLength(254);
        builder.Property(j => j.FirstNameBefore).HasMaxLength(100);
        builder.Property(j => j.FirstNameAfter).HasMaxLength(100);
        builder.Property(j => j.LastNameBefore).HasMaxLength(100);
        builder.Property(j => j.LastNameAfter).HasMaxLength(100);
        builder.Property(j => j.PostalCodeBefore).HasMaxLength(20);
        builder.Property(j => j.PostalCodeAfter).HasMaxLength(20);
        builder.Property(j => j.OtherReplyBefore).HasMaxLength(1600);
    }
}

internal sealed class ImportJournalFieldValueConfiguration : IEntityTypeConfiguration<ImportJournalFieldValue>
{
    public void Configure(EntityTypeBuilder<ImportJournalFieldValue> builder)
    {
        builder.ToTable("ImportJournalFieldValues");
        builder.HasKey(v => new { v.ImportId, v.ContactId, v.FieldId });
        builder.Property(v => v.Before).HasMaxLength(500);
        builder.Property(v => v.After).HasMaxLength(500);
    }
}

internal sealed class ImportJournalSubscriptionConfiguration : IEntityTypeConfiguration<ImportJournalSubscription>
{
    public void Configure(EntityTypeBuilder<ImportJournalSubscription> builder)
    {
        builder.ToTable("ImportJournalSubscriptions");
        builder.HasKey(s => new { s.ImportId, s.ContactId, s.ListId });
        builder.Property(s => s.Keyword).HasMaxLength(30);
    }
}

internal sealed class ImportUndoConfiguration : IEntityTypeConfiguration<ImportUndo>
{
    public void Configure(EntityTypeBuilder<ImportUndo> builder)
    {
        builder.ToTable("ImportUndos");
        builder.HasKey(u => u.ImportId);
        builder.Property(u => u.UserId).HasMaxLength(450);
        builder.Property(u => u.UserName).HasMaxLength(256);
        builder.Property(u => u.Error).HasMaxLength(2000);
        builder.HasOne<ImportRecord>().WithOne().HasForeignKey<ImportUndo>(u => u.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
