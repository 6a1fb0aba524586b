using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("CustomFields");
        builder.Property(f => f.Name).HasMaxLength(60);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(f => f.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(f => new { f.SenderCodeId, f.Name }).IsUnique();
    }
}
