using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.ToTable("Exports");
        builder.Property(e => e.PhoneSearch).HasMaxLength(40);
        builder.Property(e => e.RequestedByUserId).HasMaxLength(450);
        builder.Property(e => e.RecipientUserId).HasMaxLength(450);
        builder.Property(e => e.RecipientEmail).HasMaxLength(256);
        builder.Property(e => e.TokenHash).HasMaxLength(32);
        builder.Property(e => e.StoredFileName).HasMaxLength(100);
        builder.Property(e => e.Error).HasMaxLength(2000);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(e => e.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => new { e.SenderCodeId, e.CreatedUtc });

        // Every instance looks for silent Running and Sending exports every few seconds.
        builder.HasIndex(e => e.Status);
    }
}
