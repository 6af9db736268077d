# Entraide — catalogue français (langue par défaut).
# Chaque identifiant existe aussi dans en.ftl ; un test le vérifie.

## Refus et erreurs

refusal-not-member = Tu n'es pas encore membre. Demande un code d'invitation à un membre, puis écris-moi en privé : /rejoindre CODE
refusal-banned = Tu as été banni·e de cette communauté : tu ne peux plus rien faire ici.
refusal-suspended = Ton compte est suspendu : tu ne peux rien faire pour l'instant.
refusal-not-moderator = Cette commande est réservée aux modérateurs et modératrices.
refusal-already-member = Tu es déjà membre : pas besoin de code d'invitation.
refusal-malformed-code = Ce n'est pas un code d'invitation valide : il a 16 caractères, comme ABCD-EFGH-JKMN-PQRS.
refusal-unknown-code = Ce code d'invitation n'existe pas. Vérifie-le ou demande un nouveau code à ton parrain ou ta marraine.
refusal-code-used = Ce code d'invitation a déjà été utilisé : chaque code ne sert qu'une fois. Demande un nouveau code.
refusal-code-expired = Ce code d'invitation a expiré. Demande un nouveau code à ton parrain ou ta marraine.
refusal-code-revoked = Ce code d'invitation a été révoqué. Demande un nouveau code à ton parrain ou ta marraine.
refusal-on-trial = Tu es encore en période d'essai : tu pourras inviter à partir du { $date }.
refusal-invites-withdrawn = La modération t'a retiré le droit d'inviter. Motif : { $reason }.
refusal-quota-exhausted = Tu as déjà créé { $quota } invitations pendant cette période : la prochaine sera possible le { $date }.
refusal-not-your-invitation = Cette invitation n'est pas la tienne : seuls son parrain et la modération peuvent la révoquer.
refusal-cannot-revoke = Cette invitation a déjà été utilisée ou révoquée.
refusal-unknown-link-code = Ce code de liaison n'existe pas ou a déjà servi. Tape { "/lier" } depuis ton compte déjà membre pour en obtenir un.
refusal-link-code-expired = Ce code de liaison a expiré. Demande-en un nouveau avec { "/lier" } depuis ton compte déjà membre.
refusal-already-linked = Ce compte est déjà lié à ton adhésion.
refusal-account-of-another-member = Ce compte appartient déjà à un autre membre.
refusal-no-account-there = Tu n'as pas de compte { $platform } lié.
refusal-candidate = Ta candidature attend encore des parrainages : tu pourras tout faire dès que tu seras membre. Tape /aide pour voir où tu en es.
refusal-not-a-candidate = { $name } n'est pas candidat·e.
refusal-self-vouch = On ne se parraine pas soi-même.
refusal-already-vouched = Tu as déjà parrainé { $name } : chaque membre compte une fois.
refusal-unknown-held-join = Aucune arrivée n°{ $id } n'attend de décision.
refusal-code-in-group = Un code se tape en conversation privée avec moi, pas dans le groupe où tout le monde le voit.
refusal-last-account = C'est ton seul compte lié : il doit en rester au moins un.
refusal-sponsor-not-active = Ce code n'est plus valable : la personne qui l'a créé n'est plus membre en règle.
refusal-unknown-post = Je ne trouve pas de publication n°{ $id }.
refusal-unknown-match = Je ne trouve pas de proposition n°{ $id } qui te concerne.
refusal-not-your-post = La publication n°{ $id } n'est pas la tienne.
refusal-not-a-request = La publication n°{ $id } est une offre, pas une demande.
refusal-post-finished = La publication n°{ $id } n'est plus ouverte.
refusal-partner-unavailable = L'autre membre de cette proposition n'est plus actif dans la communauté : elle ne peut pas aller plus loin.
refusal-match-not-waiting = La proposition n°{ $id } n'attend pas de réponse de ta part.
refusal-unknown-member = Je ne trouve aucun membre « { $name } ». Utilise son nom affiché ou son numéro (#12).
refusal-ambiguous-member = Plusieurs membres s'appellent « { $name } » : précise le numéro ({ $ids }).
refusal-self-sanction = Tu ne peux pas te sanctionner toi-même.
refusal-target-outranks = Seul·e un·e admin peut sanctionner un·e modérateur·rice ou un·e admin.
refusal-already-banned = Ce membre est déjà banni.
refusal-unknown-command = Je ne connais pas la commande /{ $word }. Tape /aide pour la liste.
refusal-too-long = Ton message est trop long ({ $max } caractères au plus).
refusal-place = Ce lieu { $why } : je garde seulement une ville ou un quartier (par exemple « Lyon 3e » ou « Paris 75011 »), jamais d'adresse, de numéro de téléphone, d'e-mail ni de lien. Rien n'a été enregistré.
place-why-address = ressemble à une adresse (un numéro avec une rue, une place, un quai…)
place-why-building = donne des précisions sur un logement (bâtiment, escalier, étage, appartement, résidence…)
place-why-phone = ressemble à un numéro de téléphone
place-why-email = ressemble à une adresse e-mail
place-why-handle = ressemble à un identifiant de compte (@…)
place-why-link = ressemble à un lien
place-why-too-long = est trop long ({ $max } caractères au plus)
place-why-no-name = ne contient pas de nom de ville ou de quartier
refusal-conflict = Quelqu'un a modifié la même chose au même moment. Réessaie.
refusal-not-recorded = Je n'ai rien pu enregistrer : la base de données refuse d'écrire en ce moment. Ce que tu viens d'envoyer n'a pas été pris en compte ; réessaie dans quelques minutes.
refusal-internal = Un problème technique m'empêche de traiter ce message. Réessaie dans un moment ; si ça recommence, préviens l'équipe de modération.
answered-privately = Je t'ai répondu en privé.
not-understood = Je n'ai pas compris. Tape /aide pour voir ce que je sais faire.

## Aide et syntaxe des commandes

help-title = Commandes de { $community } :
help-visitor = Bienvenue ! Pour entrer dans la communauté, il faut être parrainé·e : demande un code d'invitation à un membre, puis tape /rejoindre CODE.
usage-help = { $cmd } : cette aide
usage-need = { $cmd } TEXTE : demander de l'aide (ex. { $cmd } une perceuse à prêter ce week-end)
usage-offer = { $cmd } TEXTE : proposer ton aide, un prêt, un don… (ex. { $cmd } je prête ma perceuse)
usage-invite = { $cmd } [POUR QUI] : créer un code d'invitation pour parrainer quelqu'un (une note facultative dit pour qui)
usage-join = { $cmd } CODE : entrer dans la communauté avec un code d'invitation
usage-accept = { $cmd } N : dire oui à la proposition n° N (aider, ou confirmer une aide)
usage-decline = { $cmd } N [POURQUOI] : dire non à la proposition n° N ; si l'on te demande ton aide, tu peux préciser « pas maintenant » ou « pas pour moi » (ce n'est pas ce que tu proposes)
usage-reply = { $cmd } N TEXTE : écrire à la personne de la mise en relation n° N, par le bot
usage-share = { $cmd } N : donner ton contact à la personne de la mise en relation n° N
usage-end = { $cmd } N : terminer la conversation n° N
usage-time = { $cmd } N HEURES : dire combien de temps on t'a donné pour ta demande n° N (crédits temps)
usage-balance = { $cmd } : ton solde de temps et tes derniers échanges
usage-correct = { $cmd } N MOTIF : compenser l'échange de temps n° N (il reste au journal)
usage-alert = { $cmd } TEXTE : proposer une alerte à toute la communauté (une fermeture, une collecte…) ; la modération la publie
usage-announce = { $cmd } TEXTE : publier une annonce dans tous les groupes, sur toutes les applis
usage-publish = { $cmd } N : publier l'alerte n° N proposée par un membre
usage-withdraw = { $cmd } N : retirer l'annonce n° N partout
usage-done = { $cmd } N : ta demande n° N est satisfaite
usage-thanks = { $cmd } N : ta demande n° N est satisfaite, et remercier qui t'a aidé·e
usage-reopen = { $cmd } N : ta demande n° N est toujours ouverte
usage-close = { $cmd } N : fermer ta publication n° N
usage-renew = { $cmd } N : garder ta demande n° N ouverte une période de plus
usage-mine = { $cmd } : tes publications en cours et les questions qui t'attendent
usage-place = { $cmd } VILLE : ta ville ou ton quartier (jamais ton adresse) ; { $cmd } aucun pour l'effacer
usage-language = { $cmd } fr|en : la langue dans laquelle je te parle
usage-ban = { $cmd } MEMBRE MOTIF : bannir un membre sur toutes les plateformes (modération)
usage-revoke = { $cmd } CODE : révoquer une invitation que tu as créée
usage-withdraw-invites = { $cmd } MEMBRE MOTIF : retirer à un membre le droit d'inviter (modération)
usage-restore-invites = { $cmd } MEMBRE : rendre à un membre le droit d'inviter (modération)
usage-link = { $cmd } : obtenir un code pour lier un autre compte (Telegram, Matrix, Discord) ; { $cmd } CODE depuis ce compte
usage-vouch = { $cmd } NOM : parrainer un·e candidat·e que tu connais
usage-apply = { $cmd } : demander à entrer sans invitation (il faudra des parrainages)
usage-candidates = { $cmd } : les candidatures en attente (modération)
usage-approve = { $cmd } N : accueillir l'arrivée n° N (modération)
usage-reject = { $cmd } N : refuser l'arrivée n° N et la retirer du groupe (modération)
usage-held = { $cmd } : les arrivées qu'aucune invitation n'explique (modération)
usage-adopt = { $cmd } [ouvrir [JOURS] | fermer | COMPTE [NOM]] : adopter les personnes qui étaient dans les groupes avant le bot (modération ; ouvrir et fermer : admins)
usage-unlink = { $cmd } PLATEFORME : délier ton compte telegram, matrix ou discord

## Parrainage

invite-created = Voici ton code d'invitation pour { $community } : { $code }
    Il sert une seule fois et expire dans { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }. La personne invitée m'écrit en privé : { $join } { $code }
invite-page = Pour inviter par SMS ou par e-mail quelqu'un qui n'a encore aucune de nos applis, envoie-lui cette page : { $link }
native-link-created = Lien { $platform } pour ton invitation : { $link } (il sert une fois ; le code { $code } marche aussi sur les autres applis).
native-invite-sent = J'ai invité { $link } dans les salons { $platform } de la communauté ; sur une autre appli, le code { $code } marche aussi.
native-link-created-request = Lien { $platform } pour ton invitation : { $link } (qui l'utilise demande à entrer, et attend que les parrainages soient réunis ; le code { $code } marche aussi sur les autres applis).
native-link-unavailable = { $platform } n'a pas pu créer de lien pour ton invitation : trop d'invitations sont en cours sur le serveur. Préviens un·e modérateur·ice ; le code { $code } marche toujours dès que la personne est sur le serveur ou sur une autre appli.
invite-other-apps = Ton invité·e est sur { $platforms } ? Nomme l'appli en invitant, pour recevoir son lien : { $invite } pour Léa sur { $example }
sent-privately = Je t'ai envoyé le code en privé.
invite-quota = { $remaining ->
        [0] Il ne te reste aucune invitation
        [one] Il te reste { $remaining } invitation
       *[other] Il te reste { $remaining } invitations
    } pour cette période ; ton quota se renouvelle le { $date }.
invite-revoked = L'invitation { $code } est révoquée : elle ne peut plus servir.
invites-withdrawn = { $name } ne peut plus inviter. La décision est inscrite au journal.
invites-withdrawn-notice = La modération t'a retiré le droit d'inviter. Motif : { $reason }. Pour en discuter, écris à l'équipe de modération.
invites-restored = { $name } peut de nouveau inviter.
invites-restored-notice = Tu peux de nouveau inviter de nouvelles personnes.
sponsor-invitee-sanctioned = { $name }, que tu as parrainé·e et qui est encore en période d'essai, a reçu une sanction : { $action }. Motif : { $reason }.
link-code-created = Pour lier un autre compte (Telegram, Matrix, Discord…) à ton adhésion, écris depuis ce compte : `/{ $word } { $code }` (sur Matrix : `!{ $word } { $code }`)
    Le code sert une fois et expire dans { $minutes } minutes.
linked = C'est fait : ce compte est lié à l'adhésion de { $name }.
linked-notice = Un compte { $platform } vient d'être lié à ton adhésion. Si ce n'est pas toi, préviens vite la modération.
unlinked = Ton compte { $platform } n'est plus lié à ton adhésion.
sponsor-invitee-candidate = { $name } a utilisé ton invitation et devient candidat·e : il manque encore { $needed ->
        [one] { $needed } parrainage
       *[other] { $needed } parrainages
    } d'autres membres.
candidate-status = Bonjour { $name } ! Ta candidature à { $community } attend encore { $needed ->
        [one] { $needed } parrainage
       *[other] { $needed } parrainages
    }. Demande à des membres qui te connaissent de taper : { $cmd }
candidate-admitted = Bienvenue dans { $community }, { $name } ! Tes parrainages sont complets : tu es membre. Indique ta ville avec /lieu, puis /besoin ou /offre.
vouch-received = { $name } t'a parrainé·e. Il manque encore { $needed ->
        [one] { $needed } parrainage
       *[other] { $needed } parrainages
    }.
vouched = Merci, ton parrainage de { $name } est enregistré. Il en manque encore { $needed }.
vouched-admitted = Merci ! Avec ton parrainage, { $name } devient membre.
vouchee-admitted = { $name }, que tu as parrainé·e, est maintenant membre.
record-header = { $name } (n°{ $id }) — { $status }, membre depuis le { $joined }
record-trial = En période d'essai jusqu'au { $date }.
record-invites-withdrawn = Droit d'inviter retiré : { $reason }
record-invitation-note = Note de l'invitation : « { $note } »
record-no-sponsor = Sans parrain ni marraine (fondateur·rice, import ou adoption).
record-chain = Parrainé·e par : { $chain }
record-tree = { $count ->
        [0] N'a fait entrer personne
        [one] A fait entrer { $count } personne
       *[other] A fait entrer { $count } personnes
    } (page { $page }/{ $pages }) :
status-candidate = candidat·e
status-active = actif·ve
status-suspended = suspendu·e
status-banned = banni·e
held-join-notice = Arrivée à vérifier n°{ $id } : { $name } ({ $platform }) est entré·e dans le groupe ; { $candidates }. Décide : { $approve } ou { $reject }
held-line = • n°{ $id } : { $name } ({ $platform }) — { $candidates } — { $approve } / { $reject }
held-no-invitation = aucune invitation ne l'explique
held-ambiguous = { $count ->
        [one] une invitation possible
       *[other] { $count } invitations possibles
    } (parrainage : { $sponsors })
held-already-member = { $name } est devenu·e membre entre-temps (code ou compte lié) : rien d'autre à faire.
held-title = Arrivées en attente de décision :
held-empty = Aucune arrivée n'attend de décision.
held-approved = { $name } est accueilli·e comme membre. La décision est inscrite au journal.
held-rejected = { $name } est retiré·e du groupe. La décision est inscrite au journal.
audit-action-approve = arrivée approuvée
audit-action-reject = arrivée refusée
candidates-empty = Aucune candidature en attente.
candidates-title = Candidatures en attente :
candidates-line = • { $name } (n°{ $id }) : { $count }/{ $required } parrainages
sponsor-invitee-joined = { $name } a rejoint la communauté grâce à ton invitation. Merci de l'accompagner pendant ses débuts !
welcome = Bienvenue dans { $community }, { $name } ! Tu es parrainé·e par { $sponsor }.
    Indique ta ville ou ton quartier avec /lieu, puis demande avec /besoin ou propose avec /offre. /aide pour le reste.

welcome-admitted = Bienvenue dans { $community }, { $name } ! { $moderator }, de l'équipe de modération, a validé ton arrivée.
    Indique ta ville ou ton quartier avec /lieu, puis demande avec /besoin ou propose avec /offre. /aide pour le reste.
held-newcomer = Bonjour { $name } ! Ton arrivée dans { $community } doit être validée par l'équipe de modération, car aucune invitation ne l'explique à coup sûr. En attendant, tu peux lire le groupe ; je te préviens ici dès qu'une décision est prise.
held-newcomer-typical = D'habitude, la décision prend { $wait }.
wait-minutes = quelques minutes
wait-hours = { $count ->
    [one] environ une heure
   *[other] environ { $count } heures
}
wait-days = { $count ->
    [one] environ un jour
   *[other] environ { $count } jours
}

## Demandes, offres et mise en relation

need-posted = Demande n°{ $id } enregistrée. { $count ->
        [one] J'ai prévenu en privé { $count } membre qui peut aider.
       *[other] J'ai prévenu en privé { $count } membres qui peuvent aider.
    }
need-posted-nobody = Demande n°{ $id } enregistrée. Aucune offre ne correspond pour l'instant : je n'ai dérangé personne, et je te préviendrai si quelqu'un peut aider.
need-posted-all-busy = Demande n°{ $id } enregistrée. { $count ->
        [one] Un membre pourrait aider, mais il a déjà reçu beaucoup de demandes cette semaine : je ne l'ai pas sollicité.
       *[other] { $count } membres pourraient aider, mais ils ont déjà reçu beaucoup de demandes cette semaine : je ne les ai pas sollicités.
    } Je te préviendrai dès que quelqu'un d'autre peut aider.
helper-slow-hint = Tu as reçu plusieurs demandes d'aide ces dernières semaines sans y répondre, et c'est tout à fait normal d'être moins disponible ! Je te solliciterai moins souvent. Pour faire une pause, ferme ton offre ({ $mine } pour la retrouver, puis { $close } N) ; pour une demande qui ne te convient pas, réponds simplement { $decline } N.
need-helpers-busy = { $count ->
        [one] Un autre membre pourrait aider, mais il a déjà reçu beaucoup de demandes cette semaine : je ne l'ai pas sollicité.
       *[other] { $count } autres membres pourraient aider, mais ils ont déjà reçu beaucoup de demandes cette semaine : je ne les ai pas sollicités.
    }
offer-posted = Offre n°{ $id } enregistrée, merci ! { $count ->
        [one] Une demande ouverte correspond : je t'écris en privé.
       *[other] { $count } demandes ouvertes correspondent : je t'écris en privé.
    }
offer-posted-nothing = Offre n°{ $id } enregistrée, merci ! Je te préviendrai quand une demande correspondra.
hint-set-place = Astuce : indique ta ville ou ton quartier avec { $cmd } pour que je trouve de l'aide près de chez toi.
ask-helper = { $requester } cherche de l'aide (demande n°{ $request }) : « { $text } »
    Ton offre n°{ $offer } correspond ({ $reasons }).
    Peux-tu aider ? Réponds { $accept } ou { $decline } ; si ce n'est pas ce que tu proposes, réponds { $notmine } et l'on ne te proposera plus ce genre de demande. Ton contact ne sera donné que si { $requester } accepte aussi.
helper-accepted = { $helper } peut t'aider pour ta demande n°{ $request } (« { $text } »).
    Pour échanger vos contacts, confirme : { $confirm } — sinon : { $decline }
accept-sent = Merci ! J'ai prévenu { $name }. Vous recevrez vos contacts dès que { $name } aura confirmé.
answer-for = { $name } : { $text }
edit-not-read = Je ne lis pas les messages modifiés (la commande d'origine compte seule, s'il y en avait une). Envoie la commande corrigée dans un nouveau message.
answer-lost = Ta commande a bien été reçue, mais sa réponse s'est perdue : le bot a redémarré entre-temps. Pour voir où tu en es : /mes.
answer-lost-in-group = { $name } : ta commande a bien été reçue, mais sa réponse s'est perdue (le bot a redémarré entre-temps). Pour voir où tu en es : /mes, en privé.
confirm-done = C'est confirmé : je vous mets en relation, { $name } et toi. La suite t'arrive en privé.
contact-revealed = Mise en relation pour la demande n°{ $request } : tu peux contacter { $name } — { $contact }
relay-opened = Mise en relation pour la demande n°{ $request } avec { $name } ! Pour lui écrire, réponds à ce message (je transmets), ou { $reply } ton message. Ton contact reste privé ; pour le lui donner : { $share }. Pour finir la conversation : { $end }.
relayed = 💬 { $name } (demande n°{ $request }) :
    { $text }
    (pour répondre : { $reply } ton message)
relay-sent = Transmis à { $name } (demande n°{ $request }).
relay-which = Pour écrire à quelqu'un de tes conversations, réponds à un de ses messages, ou :
relay-which-line = { $reply } ton message → { $name } (demande n°{ $request })
relay-ended = La conversation avec { $name } sur la demande n°{ $request } est terminée.
announced = Annonce n°{ $id } envoyée dans tous les groupes. Pour la retirer partout : { $withdraw }
announcement-text = 📢 { $text }
alert-proposed = Merci : ton alerte n°{ $id } est transmise à la modération, qui la publiera.
alert-notice = Alerte n°{ $id } proposée par { $name } : « { $text } ». { $publish } pour la publier dans tous les groupes.
alert-published = Ton alerte n°{ $id } est publiée dans tous les groupes.
announcement-withdrawn = Annonce n°{ $id } retirée de tous les groupes.
refusal-unknown-announcement = Je ne trouve pas d'annonce n°{ $id } en attente ou publiée.
credits-ask = Combien de temps t'a-t-on donné ? { $cmd } { $request } HEURES (ex. { $cmd } { $request } 1,5)
credits-paid-unit = J'ai crédité { $time } de temps à qui t'a aidé·e (demande n°{ $request }).
credits-paid = C'est noté : { $time } pour la demande n°{ $request }. Ton solde de temps : { $balance }.
credits-received = Tu reçois { $time } de crédit temps de { $name } pour la demande n°{ $request }. Merci !
credits-corrected = Échange n°{ $id } compensé par l'échange n°{ $correction } ({ $time } rendus à { $name }).
credits-floor = Ton solde de temps est de { $balance } : pense aussi à proposer ton aide ({ $offer }).
balance-title = Ton solde de temps : { $balance }
balance-empty = Aucun échange de temps pour l'instant.
balance-line = • n°{ $id } ({ $date }) : { $amount } avec { $name } { $what }
balance-request = pour la demande n°{ $request }
balance-correction = correction de n°{ $id } : { $reason }
refusal-credits-off = Cette communauté ne compte pas le temps.
refusal-time-not-due = La demande n°{ $id } n'est pas close comme satisfaite avec quelqu'un de mis en relation.
refusal-already-paid = Le temps de la demande n°{ $id } est déjà enregistré ; un·e modérateur·ice peut le corriger.
refusal-unknown-transfer = Je ne trouve pas d'échange de temps n°{ $id }.
refusal-already-corrected = L'échange n°{ $id } est déjà corrigé.
photo-too-large = Cette photo est trop lourde pour que je la transmette (plus de { $megabytes } Mo).
photo-outside-relay = Je transmets les photos seulement dans une conversation ouverte (après une mise en relation).
photo-which = Pour transmettre une photo, envoie-la en réponse à un message de la conversation.
report-quoted = (message signalé : « { $text } »)
contact-shared = J'ai donné ton contact à { $name }.
refusal-relay-not-open = La conversation n°{ $id } n'est pas ouverte : les deux côtés doivent avoir accepté, et elle ne doit pas être terminée.
button-share = Donner mon contact
button-end = Terminer
follow-up = Ta demande n°{ $request } avec { $name } : où en es-tu ?
    { $thanks } si c'est fait (et remercier), { $done } si c'est fait, { $open } si elle est toujours ouverte.
helper-declined = C'est noté, merci quand même !
requester-declined = Pour la demande n°{ $request }, la personne n'a finalement pas besoin de ton aide. Merci de l'avoir proposée !
requester-declined-ack = C'est noté : je n'ai pas transmis ton contact à { $name }.
thanked = { $name } te remercie pour ton aide (demande n°{ $request }) !
closed-done = Bravo ! La demande n°{ $id } est marquée comme satisfaite.
closed-thanks = Bravo ! La demande n°{ $id } est satisfaite et j'ai transmis tes remerciements.
closed-still-open = La demande n°{ $id } est de nouveau ouverte. { $count ->
        [0] Personne d'autre ne correspond pour l'instant.
        [one] J'ai prévenu { $count } autre membre.
       *[other] J'ai prévenu { $count } autres membres.
    }
request-expired = Ta demande n°{ $id } a expiré : personne n'a pu aider en { $days } jours. Si le besoin est toujours là, republie-la avec { $need }.
request-reminder = Ta demande n°{ $id } (« { $text } ») expirera le { $date }. Toujours d'actualité ? { $renew } pour la garder, { $close } sinon.
offer-reminder = Ton offre n°{ $id } (« { $text } ») expirera le { $date }. Toujours valable ? { $renew } pour la garder, { $close } sinon.
offer-expired = Ton offre n°{ $id } a expiré après { $days } jours sans nouvelles. Si elle tient toujours, republie-la avec { $offer }.
request-renewed = C'est noté : ta publication n°{ $id } reste ouverte jusqu'au { $date }.
inactive-reminder = Cela fait longtemps qu'on ne s'est pas parlé ! Tu es toujours là ? Écris-moi n'importe quoi (par exemple /mes). Sans nouvelles d'ici le { $date }, tes offres ne seront plus proposées, jusqu'à ton retour.
inactive-marked = Tes offres ne sont plus proposées pour l'instant. Tu restes membre : écris-moi quand tu veux pour revenir.
closed-closed = La publication n°{ $id } est fermée.
mine-empty = Tu n'as aucune publication en cours.
mine-title = Tes publications en cours :
mine-request = • Demande n°{ $id } ({ $state }) : { $text }
mine-offer = • Offre n°{ $id } ({ $state }) : { $text }
mine-asked = • Proposition n°{ $match } : peux-tu aider pour la demande n°{ $request } ? { $accept }
state-open = ouverte
state-proposed = aide proposée
state-in_contact = mise en relation faite
state-done = satisfaite
state-closed = fermée
state-expired = expirée
reason-words = mots en commun : { $words }
reason-place = même lieu : { $place }
reason-online = aide à distance
reason-related = { $asked } ~ { $offered }
reason-separator = { " ; " }
contact-account = { $name } sur { $platform } : { $id }

## Profil

place-set = Lieu enregistré : { $place }. (Une ville ou un quartier suffit, jamais d'adresse.)
place-cleared = Lieu effacé.
language-set = D'accord, je te parle en français.

## Modération

banned-notice = Tu as été banni·e de { $community }. Motif : { $reason }. { $appeal }
ban-done = { $name } (n°{ $id }) est banni·e, sur { $count ->
        [one] { $count } compte lié
       *[other] { $count } comptes liés
    }. L'action est inscrite au journal.
audit-empty = Le journal est vide.
audit-title = Journal de modération (le plus récent d'abord, page { $page }) :
audit-line = { $at } — { $actor } — { $action } — { $target } — { $reason }
audit-action-founder = fondateur·rice
audit-action-ban = bannissement
audit-action-join = arrivée parrainée
audit-action-close_post = publication fermée par la modération
audit-action-revoke = invitation révoquée
audit-action-withdraw_invites = droit d'inviter retiré
audit-action-restore_invites = droit d'inviter rendu
audit-action-link = compte lié
audit-action-unlink = compte délié
audit-action-vouch = parrainage
audit-action-admit = admission après parrainages
audit-action-apply = candidature
audit-system = le système
member-ref = { $name } (n°{ $id })

## Import

import-empty = ce champ est obligatoire
import-duplicate-name = le nom « { $value } » apparaît deux fois
import-bad-platform = plateforme inconnue « { $value } » (telegram, matrix, discord ou console)
import-duplicate-account = le compte « { $value } » apparaît deux fois ou appartient déjà à un membre
import-bad-role = rôle inconnu « { $value } » (member, moderator ou admin)
import-bad-date = date invalide « { $value } » (AAAA-MM-JJ)
import-place = « { $value } » { $why } : une ville ou un quartier suffit
import-too-long = trop long ({ $max } caractères au plus)
import-invisible = contient un caractère invisible ou qui inverse le sens du texte ({ $char }) : retape ce champ
import-contact = « { $value } » { $why } : pas de coordonnées ici
import-bad-user-id = « { $value } » n'est pas un identifiant { $platform } : il faut { $expected }
user-id-telegram = un numéro d'utilisateur ou un @pseudo, jamais d'e-mail
user-id-discord = un identifiant numérique (mode développeur, « Copier l'identifiant »), jamais d'e-mail
user-id-matrix = un identifiant comme @nom:serveur.org, jamais d'e-mail
user-id-console = un nom sans @
import-implausible-date = « { $value } » n'est pas une date d'arrivée plausible : ni dans le futur, ni avant 1900
import-unknown-sponsor = parrain ou marraine inconnu·e « { $value } » (ni dans le fichier ni membre)
import-cycle = le parrainage de « { $value } » forme une boucle
audit-action-import = import de membres
import-done = { $count } membres importés.
import-dry-run = { $count } membres seraient importés (simulation : rien n'a été écrit).
import-stage-linked = comptes déjà liés
import-stage-checking = vérification des lignes
import-stage-members = écriture des membres
import-stage-accounts = écriture des comptes
import-failed = Rien n'a été importé : corrige ces lignes puis relance.
import-row-error = { $file }, ligne { $line }, colonne { $column } : { $message }

## Ligne de commande

cli-database-ready = Base de données prête.
cli-backup-done = Copie écrite dans { $file }.
cli-restore-done = Base de données restaurée depuis { $file }.
cli-postgres-tool = Sur PostgreSQL, utilise { $tool } (installé ici) : { $tool } --format=custom … avec { $file } et l'URL de la base (ENTRAIDE_DATABASE_URL).
cli-postgres-tool-missing = Sur PostgreSQL, utilise { $tool }, qui n'est pas installé ici (paquet postgresql-client), avec { $file } et l'URL de la base.
cli-no-platform = Aucun jeton de plateforme n'est configuré (ENTRAIDE_TELEGRAM_TOKEN, ENTRAIDE_DISCORD_TOKEN, ENTRAIDE_MATRIX_PASSWORD) : je lance la console.

## Doctor (entraide doctor): what was found, then how to fix it

config-unreadable = impossible de lire le fichier de configuration { $file }
config-builtin = (configuration par défaut intégrée : config/entraide.example.toml)
config-error = configuration invalide dans { $file } : { $problem }
config-error-at = configuration invalide dans { $file }, ligne { $line }, colonne { $column } : { $problem }
config-error-at-key = configuration invalide dans { $file }, ligne { $line }, colonne { $column } (clé { $key }) : { $problem }
config-invalid-key = configuration invalide dans { $file }, clé { $key } : { $problem }
config-invalid-key-at = configuration invalide dans { $file }, ligne { $line }, clé { $key } : { $problem }
config-wrong-type = il faut { $expected }, pas { $found }
config-wrong-value = valeur impossible ici : il faut { $expected }
config-unknown-key = clé inconnue « { $key } » (clés possibles ici : { $known })
config-unknown-key-none = clé inconnue « { $key } » : cette section n'en attend aucune
config-unknown-value = valeur inconnue « { $value } » (valeurs possibles : { $known })
config-missing-key = il manque la clé { $key }
config-duplicate-key = cette clé est donnée deux fois
config-syntax = ce n'est pas du TOML valide (l'analyseur TOML dit : { $detail })
config-kind-count = un nombre entier, 0 ou plus
config-kind-integer = un nombre entier
config-kind-number = un nombre
config-kind-text = un texte entre guillemets
config-kind-boolean = un booléen (true ou false)
config-kind-list = une liste [ … ]
config-kind-table = une table
config-not-empty = ne doit pas être vide
config-database-url = doit commencer par sqlite: ou postgres:// (ENTRAIDE_DATABASE_URL aussi, si elle est définie)
config-at-least = doit valoir au moins { $min }
config-grace = doit valoir au moins 1 (on demande toujours aux membres avant de cesser de les solliciter)
config-more-than = doit être plus grand que { $other }
config-between = doit être entre { $min } et { $max }
config-rate = doit être un nombre plus grand que 0 et au plus 10000
config-not-a-guild = { $guild } n'est pas l'un des serveurs de discord.guilds
config-not-an-address = « { $value } » n'est pas une adresse comme { $example }
config-founder-shape = « { $value } » doit avoir la forme « plateforme:identifiant »
config-founder-platform = plateforme inconnue « { $platform } » dans « { $value } » (telegram, matrix, discord ou console)
config-founder-user = « { $value } » n'a pas d'identifiant après la plateforme
config-env-language = ENTRAIDE_COMMUNITY_LANGUAGE doit valoir fr ou en, pas « { $value } »
doctor-config = Configuration : { $error } — corrigez le fichier, puis relancez entraide doctor.
doctor-config-ok = Configuration lue : { $file }.
doctor-database-unreachable = Base de données { $url } injoignable : { $error } — vérifiez database.url (ou ENTRAIDE_DATABASE_URL), que le serveur PostgreSQL tourne et accepte ce compte, ou que le dossier du fichier SQLite existe et est accessible.
doctor-database-new = Base de données { $url } pas encore créée — entraide migrate la crée (entraide run aussi, au démarrage).
doctor-database-behind = Base de données { $url } au schéma { $applied }, cette version connaît { $known } — lancez entraide migrate (le service systemd le fait avant chaque démarrage).
doctor-database-newer = Base de données { $url } au schéma { $applied }, plus récent que cette version ({ $known }) — installez la version d'Entraide qui l'a créée, ou plus récente.
doctor-database-damaged = Base de données { $url } endommagée : { $error } — arrêtez le bot, gardez une copie du fichier abîmé, puis restaurez la dernière sauvegarde (entraide restore FICHIER) : ce qui a été écrit depuis cette sauvegarde est perdu.
doctor-database-ok = Base de données { $url } joignable, schéma à jour ({ $version }).
doctor-database-in-use = Un bot tourne en ce moment sur cette base.
doctor-lease = Connexion { $lease } tenue par { $holder } (dernier battement il y a { $age } s).
doctor-lease-free = Connexion { $lease } tenue par personne : le bail de { $holder } a expiré (dernier battement il y a { $age } s) ; aucun processus ne sert cette plateforme en ce moment, vérifiez que entraide run tourne.
doctor-matrix-skipped = Matrix non vérifié : un bot tourne sur cette base et le doctor partagerait sa session — arrêtez le bot (systemctl stop entraide), puis relancez entraide doctor.
doctor-secret = Secret illisible : { $error } — corrigez le chemin de la variable _FILE, ou les droits du fichier (lisible par l'utilisateur du service).
doctor-no-platform = Aucune plateforme configurée : entraide run ouvrira la console — définissez ENTRAIDE_TELEGRAM_TOKEN, ENTRAIDE_DISCORD_TOKEN ou ENTRAIDE_MATRIX_PASSWORD (ou leur variante _FILE).
doctor-telegram-token = Telegram refuse le jeton — vérifiez ENTRAIDE_TELEGRAM_TOKEN (le jeton donné par @BotFather ; /revoke en crée un nouveau).
doctor-telegram-unreachable = Telegram injoignable — vérifiez l'accès réseau du serveur à api.telegram.org, ou [telegram] api_url.
doctor-telegram-ok = Telegram accepte le jeton du bot @{ $name }.
doctor-telegram-no-group = Telegram : aucun groupe dans [telegram] groups — ajoutez l'identifiant de chaque groupe (il ressemble à -1001234567890) pour les sanctions et les liens d'invitation.
doctor-telegram-group-unknown = Telegram, groupe { $group } : introuvable ({ $error }) — vérifiez l'identifiant dans [telegram] groups et ajoutez le bot au groupe.
doctor-telegram-group-ok = Telegram, groupe { $group } : le bot y a tous ses droits.
doctor-telegram-right-restrict = Telegram, groupe { $group } : le bot ne peut ni bannir ni restreindre — dans le groupe, Administrateurs › le bot › activez « Bannir des utilisateurs ».
doctor-telegram-right-invite = Telegram, groupe { $group } : le bot ne peut pas créer de liens d'invitation — Administrateurs › le bot › activez « Inviter via un lien ».
doctor-telegram-right-delete = Telegram, groupe { $group } : le bot ne peut pas supprimer de messages (retirer une annonce, effacer un signalement tapé dans le groupe) — Administrateurs › le bot › activez « Supprimer des messages ».
doctor-telegram-right-pin = Telegram, groupe { $group } : le bot ne peut pas épingler les annonces — Administrateurs › le bot › activez « Épingler des messages ».
doctor-telegram-right-post = Telegram, groupe { $group } : le bot ne peut pas écrire — levez sa restriction dans le groupe.
doctor-telegram-not-admin = Telegram, groupe { $group } : le bot n'est pas administrateur — faites-en un administrateur avec « Bannir des utilisateurs », « Inviter via un lien », « Supprimer des messages » et « Épingler des messages ».
doctor-telegram-not-in-group = Telegram, groupe { $group } : le bot n'est pas dans le groupe — ajoutez-le, puis faites-en un administrateur.
doctor-matrix-config = Matrix : ENTRAIDE_MATRIX_PASSWORD est défini mais [matrix] homeserver ou user est vide — renseignez-les.
doctor-matrix-unreachable = Matrix : le serveur d'accueil ne répond pas (60 s) — vérifiez [matrix] homeserver et l'accès réseau.
doctor-matrix-login = Matrix : connexion impossible ({ $error }) — vérifiez [matrix] homeserver, [matrix] user et ENTRAIDE_MATRIX_PASSWORD.
doctor-matrix-room = Matrix, salon { $room } : impossible d'y entrer ({ $error }) — invitez le bot dans le salon, ou corrigez [matrix] rooms.
doctor-matrix-store = Matrix : le dossier { $path } est inutilisable ({ $error }) — donnez-le à l'utilisateur du service (un bot déjà lancé le tient aussi).
doctor-matrix-other-account = Matrix : la session enregistrée est celle de { $saved }, pas de { $configured } — supprimez { $path } pour vous reconnecter.
doctor-matrix-ok = Matrix : connecté en tant que { $name }.
doctor-matrix-no-room = Matrix : aucun salon dans [matrix] rooms — ajoutez les salons (ou l'espace) de la communauté.
doctor-matrix-power-ban = Matrix, salon { $room } : le bot ne peut pas bannir — donnez-lui le niveau de pouvoir 100 (paramètres du salon › Rôles et permissions).
doctor-matrix-power-kick = Matrix, salon { $room } : le bot ne peut pas expulser — donnez-lui le niveau de pouvoir 100 (paramètres du salon › Rôles et permissions).
doctor-matrix-power-invite = Matrix, salon { $room } : le bot ne peut pas inviter — donnez-lui le niveau de pouvoir 100 (paramètres du salon › Rôles et permissions).
doctor-matrix-power-redact = Matrix, salon { $room } : le bot ne peut pas effacer les messages des autres (masquer une demande, retirer une annonce, effacer un signalement tapé dans le salon) — donnez-lui le niveau de pouvoir 100.
doctor-matrix-power-levels = Matrix, salon { $room } : le bot ne peut pas changer les niveaux de pouvoir (rendre quelqu'un muet) — donnez-lui le niveau de pouvoir 100.
doctor-matrix-power-unreadable = Matrix, salon { $room } : les niveaux de pouvoir du salon sont illisibles — vérifiez que le bot est bien membre du salon.
doctor-matrix-room-ok = Matrix, salon { $room } : le bot y a tous ses pouvoirs.
doctor-discord-token = Discord refuse le jeton — vérifiez ENTRAIDE_DISCORD_TOKEN (portail des développeurs › votre application › Bot › Reset Token).
doctor-discord-unreachable = Discord injoignable — vérifiez l'accès réseau du serveur à discord.com, ou [discord] api_url.
doctor-discord-intents = Discord : le portail développeur n'autorise pas { $intents } (Bot → Privileged Gateway Intents) ; sans cela Discord refuse la connexion du bot (code 4014).
doctor-discord-intents-unknown = Discord : impossible de lire les intents privilégiés autorisés ; le bot a besoin de Server Members et Message Content (Bot → Privileged Gateway Intents).
doctor-discord-ok = Discord accepte le jeton du bot { $name }.
doctor-discord-no-guild = Discord : aucun serveur dans [discord] guilds — ajoutez l'identifiant de chaque serveur de la communauté.
doctor-discord-not-in-guild = Discord, serveur { $guild } : le bot n'y est pas — invitez-le avec le lien OAuth2 (portées bot et applications.commands).
doctor-discord-perm-post = Discord, serveur { $guild } : le bot ne peut pas envoyer de messages — donnez à son rôle « Envoyer des messages ».
doctor-discord-perm-invite = Discord, serveur { $guild } : le bot ne peut pas créer d'invitations — donnez à son rôle « Créer une invitation ».
doctor-discord-perm-ban = Discord, serveur { $guild } : le bot ne peut pas bannir — donnez à son rôle « Bannir des membres ».
doctor-discord-perm-timeout = Discord, serveur { $guild } : le bot ne peut pas exclure temporairement — donnez à son rôle « Exclure temporairement des membres ».
doctor-discord-perm-roles = Discord, serveur { $guild } : le bot ne peut pas donner le rôle des membres — donnez à son rôle « Gérer les rôles ».
doctor-discord-perm-guild = Discord, serveur { $guild } : le bot ne peut pas lire les invitations, les arrivées seront retenues — donnez à son rôle « Gérer le serveur ».
doctor-discord-perm-messages = Discord, serveur { $guild } : le bot ne peut pas épingler ni retirer les annonces, ni effacer un signalement tapé dans un salon — donnez à son rôle « Gérer les messages ».
doctor-discord-perm-audit = Discord, serveur { $guild } : le bot ne voit pas le journal des actions, donc ne sait pas qui bannit, expulse ou exclut temporairement quelqu'un avec les outils de Discord — donnez à son rôle « Voir les logs du serveur ».
doctor-discord-role-unknown = Discord, serveur { $guild } : le rôle { $role } de [discord] member_roles n'existe pas — corrigez son identifiant.
doctor-discord-role-above = Discord, serveur { $guild } : le rôle « { $role } » est au-dessus de celui du bot, qui ne peut donc pas le donner — dans Paramètres › Rôles, placez le rôle du bot plus haut.
doctor-discord-guild-ok = Discord, serveur { $guild } : le bot y a toutes ses permissions.
doctor-discord-channel-invite = Discord, serveur { $guild }, salon { $channel } ([discord] invite_channel) : le bot ne peut pas y créer d'invitations — dans les permissions du salon, autorisez « Créer une invitation » pour son rôle.
doctor-discord-channel-post = Discord, serveur { $guild }, salon { $channel } ([discord] announce_channels) : le bot ne peut pas y voir ou y écrire — dans les permissions du salon, autorisez « Voir le salon » et « Envoyer des messages » pour son rôle.
doctor-discord-channel-pin = Discord, serveur { $guild }, salon { $channel } ([discord] announce_channels) : le bot ne peut pas y épingler les annonces — dans les permissions du salon, autorisez « Gérer les messages » pour son rôle.
doctor-discord-channel-unknown = Discord, serveur { $guild } : le salon { $channel } n'existe pas dans ce serveur, ou le bot ne le voit pas — corrigez son identifiant dans [discord].
doctor-summary-ok = Tout est prêt.
doctor-summary-warnings = Le bot peut tourner ; { $count ->
        [one] un point à regarder
       *[other] { $count } points à regarder
    } (!).
doctor-summary-blocking = { $count ->
        [one] Un problème empêche
       *[other] { $count } problèmes empêchent
    } le bot de fonctionner (✗) : à corriger, puis relancez entraide doctor.

## Console

console-banner = Console Entraide — communauté { $community }. Tu agis en tant que { $name }. /as NOM pour changer de membre, /groupe ou /prive pour changer de salon, /quitter pour sortir.
console-acting-as = Tu agis maintenant en tant que { $name }.
console-in-group = Tes messages vont maintenant dans le salon du groupe.
console-in-private = Tes messages vont maintenant en conversation privée avec le bot.
console-ban-applied = [{ $platform }] compte { $user } retiré de la communauté.
console-usage-as = Utilisation : /as NOM (lettres, chiffres, - et _)
console-goodbye = À bientôt !

usage-record = { $cmd } MEMBRE [PAGE] : la fiche d'un membre — statut, rôle, plateformes, publications, signalements, sanctions, arbre de parrainage (modération)
usage-audit = { $cmd } [@MEMBRE] [par:@MODO] [action:ban] [depuis:2026-11-01|7j] [avant:DATE] [PAGE] : le journal de modération, filtré (modération)
usage-warn = { $cmd } MEMBRE MOTIF : avertir un membre ; les avertissements répétés suspendent (modération)
usage-suspend = { $cmd } MEMBRE DURÉE MOTIF : suspendre un membre sur toutes les plateformes, ex. { $cmd } @bob 7j propos blessants (modération)
usage-unban = { $cmd } MEMBRE MOTIF : lever une suspension ou un bannissement (modération)
usage-report = { $cmd } N MOTIF ou { $cmd } @MEMBRE MOTIF : signaler une publication ou un membre à la modération (la personne ne saura pas qui l'a signalée)
usage-reports = { $cmd } : les signalements en attente (modération)
usage-take = { $cmd } N : prendre en charge le signalement n° N (modération)
usage-resolve = { $cmd } N avertir|suspendre DURÉE|bannir|masquer|rien MOTIF : donner suite au signalement n° N (modération)
usage-dismiss = { $cmd } N MOTIF : classer le signalement n° N sans suite (modération)
usage-hide = { $cmd } N MOTIF : masquer la publication n° N (modération)
usage-stats = { $cmd } [JOURS] : les statistiques de la communauté sur la période (modération)
usage-role = { $cmd } MEMBRE membre|relais|moderateur|admin : changer le rôle d'un membre (administration)
usage-config = { $cmd } [RÉGLAGE VALEUR|defaut] : voir ou changer les réglages de la communauté (administration)
usage-my-data = { $cmd } : recevoir en privé tout ce qui est enregistré sur toi (fichier JSON)
usage-delete-me = { $cmd } : effacer tes données personnelles et quitter la communauté
usage-for = { $cmd } NOM besoin|offre TEXTE : publier pour une personne qui n'est sur aucune application (relais)
refusal-not-admin = Cette commande est réservée aux admins de la communauté.
refusal-not-sanctioned = { $name } n'est ni suspendu·e ni banni·e.
refusal-unknown-report = Il n'y a pas de signalement n°{ $id } en attente.
refusal-report-settled = Le signalement n°{ $id } a déjà été traité.
refusal-self-report = Tu ne peux pas te signaler toi-même, ni tes propres publications.
refusal-self-role = Tu ne peux pas changer ton propre rôle : demande à un·e autre admin.
refusal-unknown-setting = Je ne connais pas le réglage « { $key } ». Réglages : { $keys }
refusal-bad-setting = Valeur refusée pour « { $key } » : tape /config pour voir les valeurs actuelles (nombres entiers, dans des limites raisonnables ; langue fr ou en).
refusal-bad-account-id-telegram = Sur Telegram, donne le numéro du compte (par exemple 123456789) : un @nom ne suffit pas, le bot ne peut pas retrouver le compte à partir d'un @nom. Plus simple : ouvre une adoption avec /adopter ouvrir et demande à la personne d'écrire dans le groupe.
refusal-bad-account-id-discord = Sur Discord, mentionne la personne (@nom, choisi dans la liste) ou donne son identifiant numérique (clic droit sur son nom, « Copier l'identifiant »).
refusal-bad-account-id-matrix = Sur Matrix, donne l'identifiant complet du compte, par exemple @marie:exemple.org.
refusal-bad-account-id-console = Dans la console, donne le nom du compte, sans @.
refusal-not-relay = Seul·e un·e relais (ou la modération) peut publier pour quelqu'un d'autre.
refusal-not-a-post-report = Le signalement n°{ $id } porte sur un membre, pas sur une publication : il n'y a rien à masquer.
appeal-how = Pour contester, écris à la modération ({ $moderators }).
warned-notice = Avertissement de la modération de { $community } : { $reason }. { $appeal }
suspended-notice = Tu es suspendu·e de { $community } jusqu'au { $date }. Motif : { $reason }. Pendant ce temps tu ne peux ni publier ni répondre, sur aucune plateforme. { $appeal }
lifted-notice = La sanction qui te visait dans { $community } est levée ({ $reason }). Te revoilà membre à part entière.
suspension-ended = Ta suspension dans { $community } est terminée : te revoilà membre à part entière.
warnings-escalated = { $count } avertissements
warn-done = { $name } a reçu un avertissement, en privé.
warn-escalated = { $name } a reçu un avertissement ; c'est le dernier permis : suspendu·e jusqu'au { $date }.
suspend-done = { $name } est suspendu·e jusqu'au { $date }, sur tous ses comptes.
lift-done = La sanction de { $name } est levée, sur tous ses comptes.
report-sent = Merci : ton signalement n°{ $id } est transmis à la modération. La personne signalée ne saura pas qui l'a fait.
report-not-removed = Ton signalement est resté visible dans le groupe : je n'ai pas pu l'effacer. La prochaine fois, signale en privé, ici : personne d'autre ne le verra.
report-notice = Nouveau signalement n°{ $id } : { $target } — { $subject } — « { $reason } » (par { $reporter }). { $take } pour le prendre, { $resolve } ACTION MOTIF ou { $dismiss } MOTIF.
report-line = n°{ $id } [{ $state }, { $handler }] { $target } — { $subject } — « { $reason } » (par { $reporter })
report-reporter-hidden = anonyme
report-subject-post = publication n°{ $post } « { $text } »
report-subject-member = le membre
report-state-open = à traiter
report-state-taken = pris en charge
report-state-upheld = suivi d'effet
report-state-dismissed = classé
reports-empty = Aucun signalement en attente.
reports-title = Signalements en attente :
report-taken = Tu prends en charge le signalement n°{ $id }.
report-upheld = Signalement n°{ $id } traité.
report-dismissed = Signalement n°{ $id } classé sans suite.
report-upheld-notice = Ton signalement n°{ $id } a été examiné et suivi d'effet. Merci de veiller sur la communauté.
by-hand-reason = fait à la main sur { $platform }
by-hand-outsider = { $action ->
        [ban] { $name } a été banni·e à la main sur { $platform }
        [suspend] { $name } a été restreint·e à la main sur { $platform }
        [unsuspend] La restriction de { $name } a été levée à la main sur { $platform }
       *[unban] Le bannissement de { $name } a été levé à la main sur { $platform }
    } par quelqu'un qui n'est pas de l'équipe de modération ici. Pour que cela vaille partout : { $command } MOTIF
by-hand-days = { $count }j
by-hand-kicked = { $name } est retiré·e des groupes sur toutes les applis (sans bannissement : une invitation lui permet de revenir). C'est inscrit au journal.
by-hand-outsider-kick = { $name } a été retiré·e d'un groupe à la main sur { $platform } par quelqu'un qui n'est pas de l'équipe de modération ici : rien n'a été fait ailleurs.
audit-action-kick = retrait des groupes
hide-source-kept = Le message d'origine de la publication masquée n°{ $id } est resté visible sur { $platform } : le bot n'a pas le droit d'y effacer les messages des autres. Retire-le à la main.
sanction-refused = ⚠️ { $action ->
        [ban] Le bannissement
        [unban] La levée du bannissement
        [restrict] La suspension
        [unrestrict] La levée de la suspension
       *[remove] Le retrait du groupe
    } de { $name } n'a pas pu s'appliquer partout sur { $platform } : { $error }. Une fois le problème réglé (les droits du bot dans ce groupe, le plus souvent), relance-le avec { $resend }.
report-noted-notice = Ton signalement n°{ $id } a été examiné : la modération le juge fondé, sans autre mesure pour l'instant. Merci de veiller sur la communauté.
report-dismissed-notice = Ton signalement n°{ $id } a été examiné ; la modération n'y a pas donné suite. Merci quand même de l'avoir fait.
hide-done = La publication n°{ $id } est masquée.
post-hidden-notice = Ta publication n°{ $id } a été masquée par la modération. Motif : { $reason }.
role-member = membre
role-relay = relais
role-moderator = modérateur·rice
role-admin = admin
role-changed-notice = Ton rôle dans la communauté est maintenant : { $role }. Tape /aide pour voir tes commandes.
role-set = { $name } est maintenant { $role }.
record-details = Rôle : { $role } · Plateformes : { $platforms } · Demandes : { $requests } ({ $open-requests } en cours) · Offres : { $offers } ({ $open-offers } en cours) · Signalements faits : { $made }, reçus : { $received } (dont { $upheld } suivis d'effet)
record-suspended-until = Suspendu·e jusqu'au { $date }.
record-sanctions = Avertissements : { $warnings } · Sanctions et levées : { $count }
config-title = Réglages de la communauté :
config-line = • { $key } = { $value }
config-hint = Pour changer : /config RÉGLAGE VALEUR (ou /config RÉGLAGE defaut pour revenir au fichier de configuration).
config-set = Réglage { $key } = { $value } (noté au journal).
my-data-caption = Tout ce que { $community } enregistre sur toi.
my-data-sent = Je t'envoie tes données en privé, dans un fichier JSON.
delete-confirm-word = confirmer
delete-confirm = Cela effacera ton nom, ton lieu, tes comptes liés et le texte de tes publications ; tu quitteras la communauté (il faudra une nouvelle invitation pour revenir). Pour confirmer, tape : { $cmd }
pseudonym = membre-{ $id }
deleted = C'est fait : tes données personnelles sont effacées de { $community }. Au revoir, et merci pour ton entraide.
console-restrict-applied = [{ $platform }] compte { $user } restreint (suspension).
console-restriction-lifted = [{ $platform }] restriction levée pour le compte { $user }.
console-unban-applied = [{ $platform }] compte { $user } de nouveau admis.
status-erased = effacé·e
state-hidden = masquée
audit-action-warn = avertissement
audit-action-suspend = suspension
audit-action-lift = sanction levée
audit-action-uphold = signalement suivi d'effet
audit-action-dismiss = signalement classé
audit-action-hide_post = publication masquée
audit-action-set_role = rôle changé
audit-action-configure = réglage changé
audit-action-erase = données effacées à sa demande
audit-action-on_behalf = publication pour une personne hors ligne
on-behalf-name = { $name } (via { $relay }, relais)
stats-title = Statistiques des { $days } derniers jours — demandes : { $all }
stats-tally = { $total } ({ $met } satisfaites, { $unmet } sans suite, { $open } en cours)
stats-median = Délai médian avant une première proposition d'aide : { $hours } h.
stats-median-none = Aucune proposition d'aide sur la période.
stats-members = Membres actifs : { $active } · Invitations : { $sent } envoyées, { $accepted } acceptées.
stats-by-category = Par catégorie :
stats-by-area = Par lieu :
stats-area-online = en ligne
stats-area-unknown = lieu non précisé
stats-area-others = { $count ->
        [one] un autre lieu
       *[other] { $count } autres lieux
    }
stats-weeks = Par semaine (satisfaites/sans suite), de la plus ancienne à la plus récente :
category-lend = prêt
category-give = don
category-skill = savoir-faire
category-time = temps
category-ride = trajet
category-room = hébergement
category-mentoring = tutorat
category-other = autre
chart-met = satisfaites
chart-unmet = sans suite
chart-week = S
chart-caption = Demandes satisfaites et sans suite par semaine, sur { $days } jours.
chart-sent = Le graphique par semaine t'est envoyé en privé.
console-image-written = { $caption } Image enregistrée : { $path }
usage-undelivered = { $cmd } : les messages que je n'arrive pas à remettre, et pourquoi (modération)
usage-resend = { $cmd } N : retenter l'envoi n° N (modération)
undelivered-empty = Tous les messages ont été remis.
undelivered-title = Envois bloqués (les plus récents d'abord) :
undelivered-line = n°{ $id } — { $what } pour { $to } ({ $platform }), { $attempts } essais : { $error } — { $resend }
undelivered-message = message
undelivered-action = action sur la plateforme
unreachable-title = Injoignables (leurs messages attendent qu'ils écrivent au bot) :
unreachable-line = { $name } sur { $platform }, depuis le { $date }
resend-done = L'envoi n°{ $id } repart dans la file.
refusal-unknown-undelivered = Il n'y a pas d'envoi bloqué n°{ $id }.
audit-action-resend = envoi relancé
audit-action-adopt = adoption (présent·e avant le bot)
audit-action-adoption_window = période d'adoption ouverte ou fermée
adopt-word-open = ouvrir
adopt-word-close = fermer
adopt-status-closed = Aucune adoption en cours. Pour accueillir comme membres les personnes qui étaient déjà dans les groupes avant le bot : { $open } (admins).
adopt-status-open = Adoption ouverte jusqu'au { $until } (UTC) : toute personne inconnue du bot qui écrit dans un groupe de la communauté en devient membre. { $close } pour la fermer.
adopt-opened = Adoption ouverte jusqu'au { $until } (UTC). D'ici là, toute personne inconnue du bot qui écrit dans un groupe de la communauté en devient membre, sans parrain connu ; chaque adoption est inscrite au journal. Sur Discord et Matrix, j'adopte aussi dès maintenant tous les membres actuels des groupes. Les arrivées en attente de décision ne sont jamais adoptées. { $close } pour fermer plus tôt.
adopt-closed = Adoption fermée : les personnes inconnues qui écrivent dans les groupes ne deviennent plus membres.
adopt-done = { $name } est désormais membre (adopté·e, sans parrain connu). C'est inscrit au journal.
adopt-already = Ce compte est déjà celui de { $name }, membre.
adopt-held = L'arrivée de ce compte attend une décision (n°{ $id }) : décide avec /approuver { $id } ou /rejeter { $id }.
adopt-how-listed = { $platform } : présent·e dans les groupes avant le bot
adopt-how-wrote = { $platform } : a écrit dans un groupe pendant l'adoption
adopt-how-named = { $platform } : adopté·e par la modération
adopted-welcome = Bonjour { $name } ! Tu étais déjà dans les groupes de { $community } avant mon arrivée : tu en es membre, il n'y a rien d'autre à faire. Si tu veux recevoir les demandes d'aide près de chez toi, indique ta ville ou ton quartier (jamais ton adresse) avec { $place }. { $help } pour voir tout ce que je sais faire.
audit-action-correct_credit = correction de crédit temps
start-bot-hint = J'ai des messages pour toi, mais je ne peux t'écrire en privé qu'une fois que tu m'as écrit : ouvre { $link } et appuie sur « Démarrer ».
dms-closed-hint = J'ai des messages pour toi, mais tes messages privés sont fermés : autorise les messages privés des membres de ce serveur (paramètres de confidentialité du serveur), puis utilise une commande et ils arriveront.
discord-option-number = le numéro
discord-option-text = ce que tu veux dire
discord-option-category = le genre d'aide
discord-post-choice = n°{ $id } — { $text }
discord-announced = C'est publié dans le salon.
discord-form-label = Ton message
button-can-help = Je peux aider
button-confirm = Oui, merci
button-no-thanks = Non merci
button-thanks = Merci, c'est fait
button-done = C'est fait
button-still-open = Toujours ouvert
request-announcement-closed = Demande n°{ $id } : { $state }.
offer-announcement-closed = Offre n°{ $id } : { $state }.
record-sanction-line = – { $date } { $action } : { $reason }
stats-line = • { $name } : { $tally }

# Decline reasons, restoring an offer, live precision of matching (issue 21)
usage-restore = { $cmd } N : ton offre n° N est de nouveau proposée pour les demandes que tu avais écartées avec « pas pour moi »
helper-declined-not-mine = C'est noté, merci de l'avoir dit : ton offre n° { $offer } ne sera plus proposée pour ce genre de demande ({ $words }). Pour revenir en arrière : { $restore }
rematch-done = C'est fait : ton offre n° { $offer } est de nouveau proposée pour toutes les demandes qui lui correspondent.
rematch-nothing = Ton offre n° { $offer } est déjà proposée pour toutes les demandes qui lui correspondent : il n'y a rien à rétablir.
button-not-now = Pas maintenant
button-not-mine = Pas ce que je propose
stats-answers = Aidant·es sollicité·es : { $asked } demandes envoyées — { $accepted } acceptées, { $notnow } « pas maintenant », { $notmine } « pas ce que je propose », { $unanswered } sans réponse, { $waiting } en attente.
stats-precision = Justesse des propositions : { $percent } % des réponses disent que la demande correspondait bien à l'offre.
stats-precision-none = Justesse des propositions : pas encore de réponse pour la mesurer.
stats-answers-by-topic = Par thème (envoyées : acceptées / pas maintenant / pas ce que je propose / sans réponse) :
stats-answers-line = • { $name } ({ $asked }) : { $accepted } / { $notnow } / { $notmine } / { $unanswered }
stats-answers-weeks = Justesse des propositions par semaine, de la plus ancienne à la plus récente :
topic-baby_gear = puériculture
topic-care = soins du quotidien
topic-childcare = garde d'enfants
topic-children = enfants
topic-clothes = vêtements
topic-computers = informatique
topic-diy = bricolage
topic-elderly = personnes âgées
topic-employment = emploi
topic-errands = courses
topic-events = fêtes et événements
topic-food = alimentation
topic-furniture = meubles
topic-gardening = jardin
topic-health = santé
topic-household = maison
topic-housing = logement
topic-languages = langues
topic-legal = droit
topic-leisure = loisirs
topic-lost_found = objets perdus
topic-moving = déménagement
topic-paperwork = démarches
topic-pets = animaux
topic-repairs = réparations
topic-sewing = couture
topic-storage = rangement et stockage
topic-time = temps
topic-tools = outils
topic-transport = transport
topic-tutoring = soutien scolaire
topic-other = autre

## Le tableau de bord de modération (/tableau)
usage-dashboard = { $cmd } [fin] : recevoir en privé un lien vers le tableau de bord de modération ; { $cmd } fin ferme tes sessions ouvertes (modération)
dashboard-link = Voici ton lien vers le tableau de bord : { $link }
    Il ne sert qu'une fois et expire dans { $minutes } minutes. Ne le transmets à personne : il ouvre le tableau de bord à ton nom.
dashboard-ended = { $count ->
        [0] Tu n'avais aucune session ouverte sur le tableau de bord.
        [one] Ta session sur le tableau de bord est fermée.
       *[other] Tes { $count } sessions sur le tableau de bord sont fermées.
    }
refusal-dashboard-off = Le tableau de bord n'est pas activé pour cette communauté : l'équipe qui héberge le bot peut l'activer (section [web] de la configuration).
refusal-dashboard-link-unknown = Ce lien vers le tableau de bord n'est pas valide. Demande-en un nouveau en écrivant { "/tableau" } au bot, en privé.
refusal-dashboard-link-used = Ce lien a déjà servi : un lien n'ouvre le tableau de bord qu'une seule fois. Demande-en un nouveau avec { "/tableau" }.
refusal-dashboard-link-expired = Ce lien a expiré. Demande-en un nouveau avec { "/tableau" }.
refusal-dashboard-session-over = Ta session est terminée (déconnexion, inactivité ou fin de journée). Demande un nouveau lien en écrivant { "/tableau" } au bot, en privé.
config-not-a-web-address = « { $value } » ne convient pas : il faut une adresse https:// sans chemin, comme https://entraide.example.org (http:// seulement pour 127.0.0.1 ou localhost)
web-dashboard = Tableau de bord de modération
web-title = { $community } : tableau de bord
web-refused-title = Accès refusé
web-unavailable = La base de données ne répond pas pour le moment. Réessaie dans un instant.
web-entry-title = Ouvrir le tableau de bord
web-entry-why = Ce lien ne sert qu'une fois : il ouvre une session dans ce navigateur, à ton nom.
web-entry-button = Ouvrir le tableau de bord
web-signed-out = Tu es déconnecté·e
web-signed-out-how = Pour revenir, demande un nouveau lien en écrivant /tableau au bot, en privé.
web-signed-in-as = Connecté·e : { $name }
web-sign-out = Se déconnecter
web-overview = Vue d'ensemble
web-waiting = En attente de la modération
web-reports = Signalements à traiter
web-held-joins = Arrivées à vérifier
web-parked = Messages non remis
web-posts = Demandes et offres
web-open-requests = Demandes ouvertes
web-open-offers = Offres ouvertes
web-members = Membres
web-other-origin = Ce formulaire ne vient pas du tableau de bord : rien n'a été fait.
web-not-found = Cette page n'existe pas.
dashboard-sessions = { $count ->
        [one] Une session est déjà ouverte ({ "/tableau fin" } la ferme) :
       *[other] { $count } sessions sont déjà ouvertes ({ "/tableau fin" } les ferme toutes) :
    }
dashboard-session-line = • ouverte le { $opened }, dernière activité le { $seen }
web-nav = Rubriques
web-audit = Journal de modération
web-audit-by = Par
web-audit-member = Membre concerné·e
web-audit-action = Action
web-audit-any-action = Toutes les actions
web-audit-since = Depuis le
web-audit-until = Jusqu'au (inclus)
web-audit-words = Mots du motif
web-audit-search = Chercher
web-audit-export-csv = Exporter en CSV
web-audit-export-json = Exporter en JSON
web-audit-empty = Aucune ligne du journal ne correspond à cette recherche.
web-audit-when = Date
web-audit-reason = Motif
web-audit-app = Application
web-page = Page { $page }
web-pages = Pages du journal
web-newer = ← Plus récentes
web-older = Plus anciennes →
web-bad-date = Une date n'est pas valide : écris-la sous la forme 2026-11-24.
web-bad-action = Cette action n'existe pas dans le journal.
web-members-find = Membres
web-member-name = Nom, @pseudo ou #numéro
web-open = Ouvrir la fiche
web-member-status = Statut
web-member-role = Rôle
web-member-joined = Membre depuis le
web-member-apps = Applications
web-member-trial = En période d'essai jusqu'au
web-member-suspended = Suspendu·e jusqu'au
web-member-invites-withdrawn = Ne peut plus inviter
web-member-invitation-note = Note de l'invitation
web-member-chain = Parrainage
web-member-no-sponsor = Aucun parrain ni marraine : membre fondateur·rice, adopté·e ou importé·e.
web-member-tree = { $count ->
        [0] N'a fait entrer personne
        [one] A fait entrer une personne
       *[other] A fait entrer { $count } personnes
    }
web-member-tree-search = Trouver quelqu'un dans cet arbre (nom exact)
web-member-tree-none = Personne ne s'appelle « { $name } » dans cet arbre.
web-member-tree-pages = Pages de l'arbre
web-member-below = { $count ->
        [one] une personne en dessous
       *[other] { $count } personnes en dessous
    }
web-previous = ← Précédente
web-next = Suivante →
web-page-of = Page { $page } sur { $pages }
web-member-invitations = { $count ->
        [0] Aucune invitation faite
        [one] Une invitation faite
       *[other] { $count } invitations faites
    }
web-member-made-on = Faite le
web-member-outcome = Suite
web-member-note = Note
web-invitation-used = utilisée par
web-invitation-revoked = révoquée
web-invitation-expired = expirée sans servir
web-invitation-waiting = en attente
web-member-posts = { $count ->
        [0] Aucune publication
        [one] Une publication
       *[other] { $count } publications
    }
web-member-kind = Type
web-member-state = État
web-member-text = Texte
web-kind-request = demande
web-kind-offer = offre
web-member-reports = Signalements
web-member-reports-received = { $count ->
        [0] Aucun signalement reçu
        [one] Un signalement reçu
       *[other] { $count } signalements reçus
    }
web-member-reports-made = { $count ->
        [0] Aucun signalement fait
        [one] Un signalement fait
       *[other] { $count } signalements faits
    }
web-member-reporter = Signalement de
web-member-reported = Au sujet de
web-member-sanctions = { $count ->
        [0] Aucune sanction
        [one] Une sanction
       *[other] { $count } sanctions
    }
web-reports-empty = Aucun signalement n'attend la modération.
web-report-title = Signalement n°{ $id } : { $target }
web-report-handler = pris en charge par { $name }
web-report-by = signalé par { $name } le { $date }
web-report-open-member = Voir la fiche du membre signalé
web-report-post = Publication n°{ $id } signalée :
web-report-take = Prendre en charge
web-report-uphold-how = Suite à donner
web-report-days = Jours de suspension
web-report-uphold = Donner suite
web-report-dismiss = Classer sans suite
web-resolution-warn = Avertir
web-resolution-suspend = Suspendre
web-resolution-ban = Bannir
web-resolution-hide = Masquer la publication
web-resolution-nothing = Rien de plus (déjà réglé)
web-reason-required = Le motif est obligatoire : il est écrit au journal.
web-reason-too-long = Le motif est trop long (1 000 caractères au plus).
web-days-required = Indique une durée de suspension entre 1 et 365 jours.
web-action-required = Choisis la suite à donner dans la liste.
web-number = N°
web-arrivals = Arrivées
web-held-why = Ces personnes sont entrées dans un groupe sans qu'une invitation l'explique à coup sûr. Accueille-les si un parrain ou une marraine les connaît, sinon retire-les du groupe.
web-held-who = Qui
web-held-when = Depuis le
web-held-sponsors = Parrains ou marraines possibles
web-held-decide = Décision
web-held-approve = Accueillir
web-held-approve-who = Accueillir { $name } comme membre
web-held-reject = Retirer
web-held-reject-who = Retirer { $name } du groupe
web-candidates = Candidatures
web-candidates-vouches = Parrainages (il en faut { $required })
web-candidates-vouch = Parrainer
web-candidates-vouch-who = Parrainer { $name }
web-candidates-vouched = Tu l'as parrainé·e.
web-candidates-how = Ne parraine que quelqu'un que tu connais : ton parrainage compte comme celui de n'importe quel membre, et la personne entre dès que les parrainages sont réunis.
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
invitation-page-title = Invitation à rejoindre { $community }
invitation-page-sponsor = { $sponsor } t'invite à rejoindre { $community }, un réseau d'entraide entre voisins où l'on entre parrainé·e par un membre. Cette invitation sert une seule fois, jusqu'au { $date }.
invitation-page-vouches = Une fois entré·e, tu attendras d'autres parrainages avant de pouvoir tout faire : c'est la règle de cette communauté.
invitation-page-code = Ton code d'invitation :
invitation-page-how = Comment entrer
invitation-page-type = Écris au bot en message privé :
invitation-page-telegram-bot = Ouvrir la conversation avec @{ $bot } sur Telegram
invitation-page-telegram-start = Appuie ensuite sur « Démarrer » : le code est déjà dans le lien.
invitation-page-telegram-group = Rejoindre le groupe Telegram avec ce lien d'invitation
invitation-page-discord-server = Rejoindre le serveur Discord avec ce lien d'invitation
invitation-page-discord-bot = Sur le serveur, écris au bot en message privé :
invitation-page-matrix-room = Ouvrir le salon { $room } avec matrix.to
invitation-page-matrix-bot = Écris en message direct au bot
invitation-page-send = et envoie-lui :
invitation-page-apps = Tu n'as encore aucune de ces applis ? Elles sont gratuites, sur téléphone comme sur ordinateur : choisis celle que tu préfères, une seule suffit.
invitation-page-privacy = Cette page ne dépose aucun cookie et ne sert qu'à cette invitation.
invitation-page-gone-title = Invitation introuvable
invitation-page-gone = Cette invitation n'existe pas ou ne peut plus servir (déjà utilisée, annulée ou expirée). Demande un nouveau lien à la personne qui t'a invité·e.
invitation-page-slow-down = Trop de pages demandées d'un coup. Attends une minute, puis réessaie.
web-stats-title = { $days ->
        [one] Demandes du dernier jour
       *[other] Demandes des { $days } derniers jours
    }
web-stats-period = Période
web-stats-days = { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
web-stats-show = Afficher
web-stats-none = Aucune demande sur cette période.
web-stats-all = { $total ->
        [one] { $total } demande
       *[other] { $total } demandes
    } : { $met ->
        [one] { $met } satisfaite
       *[other] { $met } satisfaites
    }, { $unmet } sans suite, { $open } en cours.
web-stats-met = satisfaites
web-stats-unmet = sans suite
web-stats-open = en cours
web-stats-weeks = Par semaine
web-stats-week = Semaine
web-stats-week-ago = { $weeks ->
        [0] cette semaine
        [one] il y a { $weeks } semaine
       *[other] il y a { $weeks } semaines
    }
web-stats-oldest = la plus ancienne
web-stats-this-week = cette semaine
web-stats-topics = Par thème
web-stats-topic = Thème
web-stats-areas = Par lieu
web-stats-area = Lieu
web-stats-figures = Voir les chiffres
web-stats-answers = Réponses des aidant·es sollicité·es
web-stats-answers-none = Personne n'a encore été sollicité·e sur cette période.
web-stats-asked = Sollicitations
web-stats-accepted = Acceptées
web-stats-not-now = « Pas maintenant »
web-stats-not-mine = « Pas ce que je propose »
web-stats-unanswered = Sans réponse
web-stats-waiting = En attente
web-stats-precision = Justesse des propositions
web-settings = Réglages
web-settings-how = Chaque changement s'applique aussitôt à tous les processus du bot et s'inscrit au journal, comme /config dans le chat. Les valeurs hors limites sont refusées.
web-settings-between = Entre { $min } et { $max }.
web-settings-value = Valeur
web-settings-save = Enregistrer
web-settings-file = Revenir au fichier ({ $value })
setting-language = Langue du bot pour qui n'en a pas choisi : fr ou en.
setting-sponsors_required = Parrainages qu'il faut réunir pour devenir membre ; l'invitation compte pour un.
setting-invite_quota = Invitations qu'un membre peut faire par période (voir quota_days).
setting-quota_days = Durée, en jours, de la période sur laquelle le quota d'invitations est compté.
setting-trial_days = Période d'essai d'un nouveau membre, en jours : il ne peut pas encore inviter, et son parrain ou sa marraine est prévenu·e de toute sanction.
setting-invitation_days = Validité d'un code d'invitation, en jours.
setting-request_days = Jours pendant lesquels une demande attend de l'aide avant d'expirer (son auteur est prévenu).
setting-offer_days = Jours pendant lesquels une offre reste proposée avant d'expirer.
setting-warnings_to_suspend = Avertissements au bout desquels un membre est suspendu d'office (0 : jamais).
setting-warning_suspension_days = Durée de cette suspension, en jours.
setting-request_channels = Salons de groupe où tout message est une demande, par leur identifiant sur l'appli, séparés par des virgules (vide : aucun).
setting-request_hashtags = Hashtags qui font d'un message une demande, en plus de #besoin et #need, séparés par des virgules (par exemple entraide,urgent).
setting-time_credits = Banque de temps : on pour compter les heures d'aide données et reçues, off sinon.
setting-time_floor_hours = Solde le plus bas de la banque de temps, en heures (0 ou négatif) : en dessous, on rappelle au membre de proposer son aide.
setting-time_unit_minutes = Minutes créditées à chaque aidant·e pour un service rendu (0 : c'est le demandeur qui dit combien, avec /temps).
setting-mentor_min_days = Ancienneté, en jours, qu'il faut pour recevoir les demandes de tutorat d'un·e mineur·e (#mineur).
setting-asks_per_week = Demandes proposées au plus à un même membre par semaine : les autres vont aux aidant·es suivant·es.
web-table = Tableau (défile sur le côté sur un petit écran)
web-deliveries = Envois
web-deliveries-none = Aucun message n'attend : tout a été remis ou est en route.
web-deliveries-parked = Messages que le bot n'a pas pu remettre
web-deliveries-what = Quoi
web-deliveries-to = Pour
web-deliveries-attempts = Essais
web-deliveries-error = Dernière erreur
web-deliveries-retry = Relancer
web-deliveries-retry-one = Relancer l'envoi n°{ $id }
