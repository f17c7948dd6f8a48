;;; init.el --- db's configuration  -*- lexical-binding: t; -*-

(require 'package)
(package-initialize)
(eval-when-compile
  (require 'use-package))

(setq user-full-name "Daniel Borchmann"
      user-mail-address "daniel@borch.example.de")

(defun db/smtpmail-send-it ()
  "Send the current message with smtpmail, picking the account from From."
  (let* ((from (message-fetch-field "From"))
         (smtpmail-smtp-user (if (string-match-p "@work" from) "dborch" "daniel")))
    (smtpmail-send-it)))

(use-package message
  :defer t
  :config
  (setq message-kill-buffer-on-exit t
        message-forward-as-mime t
        message-citation-line-function 'message-insert-formatted-citation-line)
  (add-hook 'message-mode-hook
            (lambda ()
              (setq fill-column 72)
              (turn-on-auto-fill))))

(setq notmuch-fcc-dirs nil
      send-mail-function #'db/smtpmail-send-it)

(use-package smtpmail
  :defer t
  :init (setq smtpmail-stream-type 'starttls
              smtpmail-smtp-service 587
              smtpmail-debug-info t))

(setq starttls-use-gnutls t
      starttls-extra-arguments '("--strict-tofu"))

;; * Crypto

(use-package nsm
  :defer t
  :init (setq network-security-level 'high
              nsm-save-host-names t))

(use-package auth-source
  :defer t
  :init (setq auth-sources '("~/.authinfo.gpg"))
  :config (setq auth-source-cache-expiry 3600))

(setq smtpmail-smtp-server "mail.borch.example.de")
