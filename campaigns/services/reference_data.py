"""Three real campaigns the coalition runs, created as drafts for staff to review and publish.

Idempotent and respectful of edits: a campaign whose slug exists is left exactly as staff left it.
The texts are written for this project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from campaigns.models import Campaign, CampaignMessage
from campaigns.services.campaigns import campaign_save, message_save
from ratification.models import Treaty

_ICRMW_TEXT_EN = """The International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families was adopted by the UN General Assembly on 18 December 1990. It sets out the rights of every migrant worker and their family, whatever their status: fair pay and safe work, freedom from forced labour, access to justice and consular help, schooling for children, and protection from collective expulsion.

The United States has neither signed nor ratified it. We ask the President to sign the Convention and the Senate to give its advice and consent to ratification, so that the country where more migrants live than anywhere else accepts the same standards it asks of others.

Add your organisation's name, or your own, to the call. Every signature is confirmed by e-mail, and you choose how your name appears."""

_ICRMW_TEXT_ES = """La Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares fue adoptada por la Asamblea General de la ONU el 18 de diciembre de 1990. Reconoce los derechos de toda persona trabajadora migrante y de su familia, sea cual sea su situación migratoria: salario justo y trabajo seguro, prohibición del trabajo forzoso, acceso a la justicia y a la asistencia consular, escuela para sus hijas e hijos y protección frente a las expulsiones colectivas.

Estados Unidos no la ha firmado ni ratificado. Pedimos a la Presidencia que firme la Convención y al Senado que dé su consentimiento a la ratificación, para que el país donde viven más personas migrantes que en ningún otro acepte las mismas normas que pide a los demás.

Sume el nombre de su organización, o el suyo, a este llamado. Cada firma se confirma por correo electrónico y usted decide cómo aparece su nombre."""

_MIGRANTS_DAY_TEXT_EN = """Every 18 December, the anniversary of the adoption of the Migrant Workers Convention, the United Nations marks International Migrants Day. The coalition uses the day to speak up for human rights, justice and dignity for everyone who migrates, and to call for an end to detention and deportation practices that tear families apart.

Take part: organise or join an activity in your city and register it here so others can find it; download the flyers in English and Spanish; and share the messages below on social media throughout the day with the agreed tags."""

_MIGRANTS_DAY_TEXT_ES = """Cada 18 de diciembre, aniversario de la adopción de la Convención sobre los Trabajadores Migratorios, las Naciones Unidas celebran el Día Internacional del Migrante. La coalición aprovecha la fecha para alzar la voz por los derechos humanos, la justicia y la dignidad de todas las personas que migran, y para exigir el fin de la detención y las deportaciones que separan a las familias.

Participe: organice o súmese a una actividad en su ciudad y regístrela aquí para que otras personas la encuentren; descargue los volantes en inglés y en español; y comparta durante el día los mensajes de abajo en las redes sociales con las etiquetas acordadas."""

_BORDERS_TEXT_EN = """In 2014 the Office of the UN High Commissioner for Human Rights published the Recommended Principles and Guidelines on Human Rights at International Borders. The document reminds states that their authority at borders is bound by human rights: no one may be turned back to danger, people may not be detained arbitrarily, children and survivors of violence need particular protection, and those who die or go missing on migration routes must be searched for and identified.

Partner organisations endorse the Principles and Guidelines to show governments that civil society expects them to be applied, and to use them in their own advocacy at borders."""

_BORDERS_TEXT_ES = """En 2014 la Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos publicó los Principios y Directrices Recomendados sobre los Derechos Humanos en las Fronteras Internacionales. El documento recuerda a los Estados que su autoridad en las fronteras está sujeta a los derechos humanos: nadie puede ser devuelto a un lugar donde corra peligro, nadie puede ser detenido arbitrariamente, la niñez y las personas sobrevivientes de violencia necesitan protección especial, y hay que buscar e identificar a quienes mueren o desaparecen en las rutas migratorias.

Las organizaciones aliadas respaldan los Principios y Directrices para mostrar a los gobiernos que la sociedad civil espera que se apliquen, y para usarlos en su propia incidencia en las fronteras."""

CAMPAIGNS: list[dict[str, Any]] = [
    {
        "slug": "us-ratify-icrmw",
        "kind": Campaign.Kind.RATIFICATION,
        "treaty": "icrmw",
        "target_country": "US",
        "goal": 1000,
        "signers": Campaign.Signers.BOTH,
        "title_en": "Call on the United States to ratify the Migrant Workers Convention",
        "title_es": "Pedimos a Estados Unidos que ratifique la Convención sobre los Trabajadores Migratorios",
        "summary_en": "The U.S. has neither signed nor ratified the ICRMW. Add your name to the call.",
        "summary_es": "EE. UU. no ha firmado ni ratificado la Convención. Sume su nombre al llamado.",
        "text_en": _ICRMW_TEXT_EN,
        "text_es": _ICRMW_TEXT_ES,
        "messages": [
            (
                "The U.S. has never signed the UN Migrant Workers Convention. Rights at work should not depend on a passport: ratify now.",
                "EE. UU. nunca ha firmado la Convención de la ONU sobre los Trabajadores Migratorios. Los derechos laborales no dependen de un pasaporte: ratifiquen ya.",
                "#RatifyICRMW #MigrantRights",
            ),
        ],
    },
    {
        "slug": "international-migrants-day",
        "kind": Campaign.Kind.DAY_OF_ACTION,
        "treaty": "icrmw",
        "target_country": "",
        "goal": 0,
        "signers": Campaign.Signers.BOTH,
        "title_en": "International Migrants Day, 18 December",
        "title_es": "Día Internacional del Migrante, 18 de diciembre",
        "summary_en": "A yearly day of action for the rights, justice and dignity of all migrants.",
        "summary_es": "Una jornada anual de acción por los derechos, la justicia y la dignidad de todas las personas migrantes.",
        "text_en": _MIGRANTS_DAY_TEXT_EN,
        "text_es": _MIGRANTS_DAY_TEXT_ES,
        "messages": [
            (
                "On International Migrants Day we stand for human rights, justice and dignity for every migrant.",
                "En el Día Internacional del Migrante defendemos los derechos humanos, la justicia y la dignidad de cada persona migrante.",
                "#MigrantsDay #18Dec",
            ),
            (
                "Human rights do not stop at the border. End the detention and deportation that separate families.",
                "Los derechos humanos no se detienen en la frontera. Basta de detenciones y deportaciones que separan a las familias.",
                "#MigrantsDay #HumanRightsAtBorders",
            ),
        ],
    },
    {
        "slug": "endorse-border-principles",
        "kind": Campaign.Kind.ENDORSEMENT,
        "treaty": None,
        "target_country": "",
        "goal": 200,
        "signers": Campaign.Signers.ORGANISATIONS,
        "title_en": "Endorse the UN Principles and Guidelines on Human Rights at International Borders",
        "title_es": "Respalde los Principios y Directrices de la ONU sobre los Derechos Humanos en las Fronteras Internacionales",
        "summary_en": "Published by OHCHR in 2014; organisations endorse them to press for their use.",
        "summary_es": "Publicados por el ACNUDH en 2014; las organizaciones los respaldan para exigir su aplicación.",
        "text_en": _BORDERS_TEXT_EN,
        "text_es": _BORDERS_TEXT_ES,
        "messages": [
            (
                "We endorse the UN Principles and Guidelines on Human Rights at International Borders. States' power at borders has limits: human rights.",
                "Respaldamos los Principios y Directrices de la ONU sobre los Derechos Humanos en las Fronteras. El poder de los Estados en la frontera tiene un límite: los derechos humanos.",
                "#HumanRightsAtBorders",
            ),
        ],
    },
]


@dataclass(frozen=True, slots=True)
class LoadedCampaign:
    slug: str
    created: bool


@transaction.atomic
def campaigns_load_reference() -> list[LoadedCampaign]:
    """Create the reference campaigns (as drafts) that do not exist yet."""
    results = []
    treaties = {t.slug: t for t in Treaty.objects.filter(slug__in=["icrmw"])}
    for spec in CAMPAIGNS:
        data = dict(spec)
        messages = data.pop("messages")
        treaty_slug = data.pop("treaty")
        if Campaign.objects.filter(slug=data["slug"]).exists():
            results.append(LoadedCampaign(slug=data["slug"], created=False))
            continue
        treaty = treaties.get(treaty_slug) if treaty_slug else None
        if treaty is None:
            data["target_country"] = ""  # a target country needs its treaty
        campaign = campaign_save(campaign=Campaign(**data, treaty=treaty, is_published=False))
        for position, (text_en, text_es, hashtags) in enumerate(messages):
            message_save(
                message=CampaignMessage(
                    campaign=campaign,
                    text_en=text_en,
                    text_es=text_es,
                    hashtags=hashtags,
                    position=position,
                )
            )
        results.append(LoadedCampaign(slug=campaign.slug, created=True))
    return results
