using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ImportRejectedRowConfiguration : IEntityTypeConfiguration<ImportRejectedRow>
{
    public void Configure(EntityTypeBuilder<ImportRejectedRow> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(100);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.RawLine).HasMaxLength(4000);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);

        // Unique so a batch replayed after a crash cannot report a row twice.
        builder.HasIndex(r => new { r.ImportId, r.LineNumber }).IsUnique();
    }
}
