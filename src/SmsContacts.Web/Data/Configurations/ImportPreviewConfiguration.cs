using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ImportPreviewConfiguration : IEntityTypeConfiguration<ImportPreview>
{
    public void Configure(EntityTypeBuilder<ImportPreview> builder)
    {
        builder.ToTable("ImportPreviews");
        builder.HasKey(p => p.ImportId);
        builder.Property(p => p.CheckpointRow).HasColumnName("CheckpointLine");
        builder.Property(p => p.Error).HasMaxLength(2000);
        builder.ComplexProperty(p => p.Counts, ImportOutcomeCountsMapping.Map);
        builder.HasOne<ImportRecord>().WithOne().HasForeignKey<ImportPreview>(p => p.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportPreviewRowConfiguration : IEntityTypeConfiguration<ImportPreviewRow>
{
    public void Configure(EntityTypeBuilder<ImportPreviewRow> builder)
    {
        builder.ToTable("ImportPreviewRows");
        builder.Property(r => r.Phone).HasMaxLength(100);
        builder.Property(r => r.Detail).HasMaxLength(4000);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ImportId, r.Outcome, r.LineNumber });
    }
}
