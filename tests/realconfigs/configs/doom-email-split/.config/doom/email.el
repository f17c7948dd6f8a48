;;; $DOOMDIR/email.el -*- lexical-binding: t; -*-

;; Some functionality uses this to identify you, e.g. GPG configuration, email
;; clients, file templates and snippets.
(setq user-full-name "Kwame Mensah"
      user-mail-address "kwame.mensah@gmail.com")

(setq +mu4e-backend 'mbsync)

(after! mu4e
  ;; This is set to 't' to avoid mail syncing issues when using mbsync
  (setq mu4e-change-filenames-when-moving t)
  (setq mu4e-index-cleanup t
        mu4e-update-interval 300
        sendmail-program (executable-find "msmtp")
        send-mail-function #'smtpmail-send-it
        message-sendmail-f-is-evil t
        message-sendmail-extra-arguments '("--read-envelope-from")
        message-send-mail-function #'message-send-mail-with-sendmail)

  (set-email-account! "gmail"
                      '((mu4e-sent-folder       . "/gmail/[Gmail]/Sent Mail")
                        (mu4e-drafts-folder     . "/gmail/[Gmail]/Drafts")
                        (mu4e-trash-folder      . "/gmail/[Gmail]/Trash")
                        (mu4e-refile-folder     . "/gmail/[Gmail]/All Mail")
                        (smtpmail-smtp-user     . "kwame.mensah@gmail.com")
                        (user-mail-address      . "kwame.mensah@gmail.com"))
                      t)

  (set-email-account! "work"
                      '((mu4e-sent-folder       . "/work/Sent")
                        (mu4e-drafts-folder     . "/work/Drafts")
                        (mu4e-trash-folder      . "/work/Trash")
                        (smtpmail-smtp-user     . "k.mensah@asante-logistics.com")
                        (user-mail-address      . "k.mensah@asante-logistics.com"))))

(use-package! org-msg
  :after mu4e
  :config
  (setq org-msg-default-alternatives '((new . (text html))
                                       (reply-to-html . (text html))
                                       (reply-to-text . (text)))
        org-msg-signature "\n\nKwame\n"))

(after! message
  (setq message-kill-buffer-on-exit t))
