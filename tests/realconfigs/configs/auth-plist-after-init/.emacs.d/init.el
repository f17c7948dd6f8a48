;;; init.el --- posteo via smtpmail  -*- lexical-binding: t -*-

(setq user-full-name "Elconf Tester")
(setq user-mail-address (concat user-login-name "@posteo.net"))

(setq auth-sources '((:source "~/.authinfo.gpg") "~/.netrc")
      auth-source-cache-expiry 3600)
(with-eval-after-load 'auth-source
  (auth-source-forget-all-cached))

(defun my/mail-setup ()
  "Mail settings, once everything else has loaded."
  (require 'smtpmail)
  (setq smtpmail-smtp-server "posteo.de"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls
        smtpmail-smtp-user user-mail-address))
(add-hook 'after-init-hook #'my/mail-setup)

(with-eval-after-load 'message
  (setq message-send-mail-function #'smtpmail-send-it
        message-sendmail-f-is-evil 't
        message-mail-user-agent t
        message-kill-buffer-on-exit t))
(setq mail-user-agent 'message-user-agent
      send-mail-function #'smtpmail-send-it)

(global-set-key (kbd "C-x m") #'compose-mail)
(require 'message)
