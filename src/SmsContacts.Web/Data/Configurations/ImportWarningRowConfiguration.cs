using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ImportWarningRowConfiguration : IEntityTypeConfiguration<ImportWarningRow>
{
    public void Configure(EntityTypeBuilder<ImportWarningRow> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(100);
        builder.Property(r => r.Message).HasMaxLength(200);
        builder.Property(r => r.RawLine).HasMaxLength(4000);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);

        // Unique: a batch read again after a crash replaces its warnings, never adds them twice.
        builder.HasIndex(r => new { r.ImportId, r.LineNumber }).IsUnique();
    }
}
