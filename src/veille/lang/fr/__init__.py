"""French."""

from __future__ import annotations

from ..base import Language

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]

LANGUAGE = Language(
    code="fr",
    name="French",
    spacy_model="fr_core_news_md",
    sponsor_cues=("en partenariat avec", "sponsorisé par", "contenu sponsorisé", "contenu partenaire",
                  "avec le soutien de", "présenté par", "proposé par", "publi-rédactionnel", "publireportage",
                  "article sponsorisé", "communiqué partenaire"),
    insert_cues=("Lire aussi", "À lire aussi", "A lire aussi", "Lire également", "À lire également",
                 "Voir aussi", "À voir aussi", "A voir aussi", "Sur le même sujet", "Découvrir aussi",
                 "LIRE AUSSI", "Lire la suite", "Pour aller plus loin", "Regarder aussi", "À découvrir",
                 "Notre article", "Notre décryptage", "Décryptage", "Le point sur", "À écouter", "Écouter aussi",
                 "VIDÉO", "VIDEO", "INFOGRAPHIE", "Lire notre", "Lire le récit", "Lire l’analyse", "Lire l'analyse",
                 "Lire l’entretien", "Lire l'entretien", "Lire le décryptage", "Lire la tribune", "Retrouvez",
                 "À voir également", "A voir également", "Voir également"),
    furniture_phrases=(
        "laisser un commentaire", "laissez un commentaire", "votre adresse e-mail ne sera pas publiée",
        "votre adresse de messagerie ne sera pas publiée", "les champs obligatoires sont indiqués",
        "réagir à cet article", "commentaires", "se connecter", "créer un compte", "s’abonner", "s'abonner", "s’inscrire", "s'inscrire",
        "abonnez-vous", "déjà abonné", "inscrivez-vous", "newsletter", "recevez notre newsletter",
        "nous utilisons des cookies", "ce site utilise des cookies", "gestion des cookies", "paramétrer les cookies",
        "accepter et fermer", "tout accepter", "tout refuser", "politique de confidentialité",
        "partager sur", "partager cet article", "partager l’article", "partager l'article", "copier le lien",
        "lien copié", "envoyer par e-mail", "imprimer", "ajouter à vos sélections", "la suite est réservée aux abonnés",
        "il vous reste", "article réservé aux abonnés", "offrir cet article", "publicité", "mentions légales",
        "tous droits réservés", "suivez-nous", "télécharger l’application", "télécharger l'application",
        "signaler un abus", "signaler", "je publie", "charte de modération", "agrandir l’image", "agrandir l'image", "cet article vous a-t-il été utile", "voir les commentaires",
    ),
    wall_phrases=("la suite est réservée aux abonnés", "il vous reste", "pour lire la suite", "réservé aux abonnés",
                  "vous ne pouvez plus réagir", "je publie", "charte de modération", "réagir à cet article",
                  "laisser un commentaire", "laissez un commentaire", "ajouter un commentaire", "voir les commentaires",
                  "commentaires (", "connectez-vous pour commenter", "abonnez-vous pour lire"),
    notice_words=frozenset("cookies cookie traceurs consentement confidentialité navigateur partenaires "
                           "publicitaires personnalisées paramétrer abonnement abonné compte identifiants "
                           "données personnelles".split()),
    headline_list_heads=("les plus lus", "les plus partagés", "à la une", "dernières actualités", "dernières infos",
                         "sur le même thème", "articles similaires", "nos dernières vidéos", "les plus commentés",
                         "dans l’actualité", "dans l'actualité", "à lire aussi", "actualités récentes",
                         "les dernières infos", "tous les sujets", "les articles les plus lus"),
    months={**{m: i for i, m in enumerate(_MONTHS, 1)}, "fevrier": 2, "aout": 8, "decembre": 12,
            "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12},
    function_words=frozenset(
        "le la les un une des du de d l à au aux et ou mais donc que qui quoi dont où ne pas plus il elle ils "
        "elles nous vous on ce cette ces son sa ses leur leurs est sont a ont été être avoir fait par pour "
        "avec sans sur sous dans en entre vers chez comme si aussi très déjà selon après avant depuis "
        "lors alors ainsi cela ceci se s y qu n c j m t".split()),
)
