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
        builder.Property(i => i.Encoding).HasMaxLength(20);
        builder.Property(i => i.ListName).HasMaxLength(100);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.Property(i => i.DetectionNotes).HasMaxLength(2000);
        builder.Property(i => i.ConsentNote).HasMaxLength(ConsentNotes.MaxLength);
        builder.Ignore(i => i.AccountedFor);
        builder.Ignore(i => i.LinesAccountedFor);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(i => i.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(i => new { i.SenderCodeId, i.CreatedUtc });
    }
}
