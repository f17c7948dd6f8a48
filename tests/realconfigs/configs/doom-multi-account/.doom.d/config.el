;;; config.el -*- lexical-binding: t; -*-

(setq user-full-name "Grace Kim")

(setq +mu4e-backend 'mbsync
      mu4e-root-maildir "~/Mail")

(set-email-account! "personal"
  '((mu4e-sent-folder . "/personal/Sent")
    (mu4e-drafts-folder . "/personal/Drafts")
    (smtpmail-smtp-server . "smtp.fastmail.com")
    (smtpmail-smtp-service . 465)
    (smtpmail-stream-type . ssl)
    (user-mail-address . "grace@kim.kr"))
  t)

(set-email-account! "work"
  '((mu4e-sent-folder . "/work/Sent")
    (mu4e-drafts-folder . "/work/Drafts")
    (smtpmail-smtp-server . "smtp.gmail.com")
    (smtpmail-smtp-service . 587)
    (smtpmail-stream-type . starttls)
    (user-mail-address . "grace.kim@startup.io"))
  nil)

(after! mu4e
  (setq mu4e-context-policy 'ask-if-none
        mu4e-compose-context-policy 'always-ask
        send-mail-function #'smtpmail-send-it
        message-send-mail-function #'smtpmail-send-it))

(setq! auth-sources '("~/.authinfo.gpg"))
