using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("Imports");
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.UserName).HasMaxLength(256);
        builder.Property(i => i.OriginalFileName).HasMaxLength(260);
        builder.Property(i => i.StoredFileName).HasMaxLength(100);
        builder.Property(i => i.ListName).HasMaxLength(100);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.Property(i => i.DetectionNotes).HasMaxLength(2000);
        builder.ComplexProperty(i => i.Settings, settings =>
        {
            settings.Property(s => s.Encoding).HasMaxLength(20);
            settings.Property(s => s.ConsentNote).HasMaxLength(ConsentNotes.MaxLength);

            // The settings name their delimiter ("tab"); the column holds the character, as it always has.
            settings.Property(s => s.Delimiter).HasConversion(name => DelimiterNames.Parse(name), c => DelimiterNames.Of(c));

            // One column each, named as the property (the columns were the record's own before the settings were one
            // type), not EF's Settings_Action: the bulk writers' SQL and the migrations name them so.
            foreach (var property in settings.Metadata.ComplexType.GetProperties())
            {
                property.SetColumnName(property.Name);
            }
        });

        // The column's name is older than the property's: it holds a row number (the bulk writers' SQL names the column).
        builder.Property(i => i.CheckpointRow).HasColumnName("CheckpointLine");
        builder.ComplexProperty(i => i.Counts, ImportOutcomeCountsMapping.Map);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(i => i.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(i => new { i.SenderCodeId, i.CreatedUtc });
    }
}
