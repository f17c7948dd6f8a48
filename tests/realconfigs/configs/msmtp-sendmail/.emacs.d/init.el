;; -*- lexical-binding: t -*-
;; Mail goes through msmtp; accounts live in ~/.msmtprc

(setq user-full-name "Sofia Andersson")

(setq sendmail-program (executable-find "msmtp"))
(setq send-mail-function 'sendmail-send-it
      message-send-mail-function 'sendmail-send-it)
(setq mail-specify-envelope-from t
      mail-envelope-from 'header
      message-sendmail-envelope-from 'header)

;; looks up the account from the From: header
(setq message-sendmail-extra-arguments '("--read-envelope-from"))
(setq message-sendmail-f-is-evil t)

(setq user-mail-address
      (if (file-exists-p "~/.work-machine")
          "sofia.andersson@bigco.com"
        "sofia@andersson.se"))

(setq mail-interactive t
      mail-self-blind t
      mail-yank-prefix "> ")

(setq message-citation-line-format "On %a, %b %d %Y, %N wrote:\n"
      message-citation-line-function 'message-insert-formatted-citation-line)

(use-package ledger-mode
  :ensure t
  :mode "\\.ledger\\'")

(when (require 'which-key nil 'noerror)
  (which-key-mode))
