;;; A Doom-style config: after! and set-email-account! are Doom macros.
(setq user-mail-address "frank@example.org"
      send-mail-function 'smtpmail-send-it)
(after! smtpmail
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls))
(set-email-account! "example"
  '((mu4e-sent-folder . "/example/Sent")
    (smtpmail-smtp-user . "frank@example.org"))
  t)
