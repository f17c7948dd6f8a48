;;; config.el -*- lexical-binding: t; -*-
(set-email-account! "personal"
  '((user-mail-address . "me@personal.example")
    (smtpmail-smtp-server . "smtp.personal.example")))
(set-email-account! "uni"
  '((user-mail-address . "me@uni.example")
    (smtpmail-smtp-server . "smtp.uni.example")
    (smtpmail-smtp-service . 25)
    (smtpmail-stream-type . plain))
  t)
;; redefined later in the file: the first "personal" context is dropped
(set-email-account! "personal"
  '((user-mail-address . "me@personal.example")
    (smtpmail-smtp-server . "mail.personal.example")
    (smtpmail-smtp-user . "me")))
