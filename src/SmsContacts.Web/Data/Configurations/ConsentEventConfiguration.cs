using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ConsentEventConfiguration : IEntityTypeConfiguration<ConsentEvent>
{
    public void Configure(EntityTypeBuilder<ConsentEvent> builder)
    {
        // The triggers (created in the initial migrations) refuse UPDATE and DELETE; EF must know they exist.
        builder.ToTable(t =>
        {
            t.HasTrigger(AppendOnlyTriggers.NoUpdate);
            t.HasTrigger(AppendOnlyTriggers.NoDelete);
            t.HasTrigger(ListActivitySql.SqliteTrigger);
        });
        builder.Property(e => e.Phone).HasMaxLength(16);
        builder.Property(e => e.Change).HasMaxLength(40);
        builder.Property(e => e.ListName).HasMaxLength(100);
        builder.Property(e => e.StateBefore).HasMaxLength(100);
        builder.Property(e => e.StateAfter).HasMaxLength(100);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.MessageSid).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.ConsentNote).HasMaxLength(ConsentNotes.MaxLength);

        // Contacts are never deleted; RESTRICT makes sure their history could not cascade away if one were.
        builder.HasOne(e => e.Contact).WithMany(c => c.ConsentEvents).HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ContactId, e.OccurredUtc });
    }
}
