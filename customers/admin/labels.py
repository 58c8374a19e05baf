"""Capability labels (the vendor's catalogue, with the badge image) and partners' certifications."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from PIL import Image

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import CapabilityLabel, Certification


class LabelForm(forms.ModelForm):
    class Meta:
        model = CapabilityLabel
        fields = ["name", "level", "description", "criteria", "badge_image", "shows_holder"]

    def clean_badge_image(self):
        upload = self.cleaned_data["badge_image"]
        if upload and hasattr(upload, "content_type"):  # a new upload
            try:
                with Image.open(upload) as image:
                    kind = image.format
                    image.verify()
            except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken image
                kind = None
            upload.seek(0)
            if kind != "PNG":
                raise forms.ValidationError(_("The badge image must be a PNG file."))
        return upload


@admin.register(CapabilityLabel)
class CapabilityLabelAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    form = LabelForm
    list_display = ["name", "level", "shows_holder"]
    list_filter = ["level"]
    search_fields = ["name"]


@admin.register(Certification)
class CertificationAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["certificate_number", "partner", "label", "certified_on", "valid_until"]
    list_filter = ["label", "valid_until"]
    search_fields = ["certificate_number", "partner__name", "partner__code"]
    list_select_related = ["partner", "label"]
    autocomplete_fields = ["partner"]
