;;; $DOOMDIR/config.el -*- lexical-binding: t; -*-

;; Place your private configuration here! Remember, you do not need to run 'doom
;; sync' after modifying this file!

;; Some functionality uses this to identify you, e.g. GPG configuration, email
;; clients, file templates and snippets.
(setq user-full-name "Aoife Brennan"
      user-mail-address "aoife.brennan@gmail.com")

(setq doom-font (font-spec :family "JetBrains Mono" :size 14)
      doom-variable-pitch-font (font-spec :family "Noto Sans" :size 14))
(setq doom-theme 'doom-one)
(setq display-line-numbers-type 'relative)
(setq org-directory "~/org/")

(map! :leader
      :desc "Open mu4e" "o m" #'mu4e
      :desc "Compose" "o c" #'+mu4e/compose)

(after! org
  (setq org-log-done 'time
        org-agenda-files '("~/org/")))

;;; Mail
(setq mu4e-maildir "~/.mail"
      mu4e-get-mail-command "mbsync -a"
      mu4e-update-interval 300)

(after! mu4e
  (setq mu4e-compose-signature "Aoife"
        mu4e-headers-date-format "%d/%m/%y"
        mu4e-view-show-images t
        sendmail-program (executable-find "msmtp")
        send-mail-function #'smtpmail-send-it
        message-sendmail-f-is-evil t
        message-sendmail-extra-arguments '("--read-envelope-from")
        message-send-mail-function #'message-send-mail-with-sendmail))

(set-email-account! "gmail"
  '((mu4e-sent-folder       . "/gmail/[Gmail]/Sent Mail")
    (mu4e-drafts-folder     . "/gmail/[Gmail]/Drafts")
    (mu4e-trash-folder      . "/gmail/[Gmail]/Trash")
    (mu4e-refile-folder     . "/gmail/[Gmail]/All Mail")
    (smtpmail-smtp-user     . "aoife.brennan@gmail.com")
    (user-mail-address      . "aoife.brennan@gmail.com")
    (mu4e-compose-signature . "---\nAoife"))
  t)

(setq! smtpmail-smtp-server "smtp.gmail.com"
       smtpmail-smtp-service 587)

(use-package! org-msg
  :after mu4e
  :config
  (setq org-msg-default-alternatives '((new . (text html))
                                       (reply-to-html . (text html)))))

(add-hook! 'message-mode-hook #'turn-off-auto-fill)
