;;; $DOOMDIR/config.el -*- lexical-binding: t; -*-
(setq user-full-name "Aoife Brennan"
      user-mail-address "aoife@gmail.example")
(set-email-account! "gmail"
  '((mu4e-sent-folder       . "/gmail/[Gmail]/Sent Mail")
    (mu4e-drafts-folder     . "/gmail/[Gmail]/Drafts")
    (mu4e-trash-folder      . "/gmail/[Gmail]/Trash")
    (user-mail-address      . "aoife@gmail.example")
    (smtpmail-smtp-user     . "aoife@gmail.example")
    (smtpmail-smtp-server   . "smtp.gmail.example")
    (smtpmail-smtp-service  . 587)
    (mu4e-compose-signature . "---\nAoife"))
  t)
(set-email-account! "work"
  '((user-mail-address      . "a.brennan@work.example")
    (smtpmail-smtp-user     . "abrennan")
    (smtpmail-smtp-server   . "mail.work.example")
    (smtpmail-smtp-service  . 465)
    (smtpmail-stream-type   . ssl)))
(after! mu4e
  (setq mu4e-sent-messages-behavior 'delete))
