using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SavedImportLayoutConfiguration : IEntityTypeConfiguration<SavedImportLayout>
{
    public void Configure(EntityTypeBuilder<SavedImportLayout> builder)
    {
        builder.ToTable("SavedImportLayouts");
        builder.Property(l => l.HeaderKey).HasMaxLength(64);
        builder.Property(l => l.FileName).HasMaxLength(260);
        builder.Property(l => l.SavedBy).HasMaxLength(256);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(l => l.SenderCodeId).OnDelete(DeleteBehavior.Cascade);

        // One layout per header row and sender code: the latest import of such a file replaces it.
        builder.HasIndex(l => new { l.SenderCodeId, l.HeaderKey }).IsUnique();
    }
}
