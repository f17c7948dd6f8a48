;;; init.el  -*- lexical-binding: t -*-

(require 'epa-file)
(epa-file-enable)
(setq epa-pinentry-mode 'loopback
      epa-file-cache-passphrase-for-symmetric-encryption t)

;; Credentials and private addresses, encrypted to my key.
(load (expand-file-name "secrets.el.gpg" user-emacs-directory) t)

(setq user-full-name "Bálint Horváth"
      user-mail-address "balint@horvath.hu")

(require 'smtpmail)
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.horvath.hu"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user "balint"
      auth-sources '("~/.authinfo.gpg"))

(add-hook 'message-mode-hook #'flyspell-mode)

;; The work account's settings are in a second encrypted file; it
;; asks for the passphrase, which is why it is loaded last.
(load-file (expand-file-name "secrets.el.gpg" user-emacs-directory))
(setq mail-host-address "horvath.hu")
