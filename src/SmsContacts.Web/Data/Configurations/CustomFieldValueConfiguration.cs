using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> builder)
    {
        builder.HasKey(v => new { v.ContactId, v.FieldId });
        builder.Property(v => v.Value).HasMaxLength(500);
        builder.HasOne<Contact>().WithMany(c => c.CustomFieldValues).HasForeignKey(v => v.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Field).WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);

        // Deleting a field tells the admin how many contacts hold a value.
        builder.HasIndex(v => v.FieldId);
    }
}
