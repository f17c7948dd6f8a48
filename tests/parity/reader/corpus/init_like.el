;;; init_like.el --- a realistic init file  -*- lexical-binding: t -*-

;;; Commentary:
;; Mail settings, as people write them.

;;; Code:

(require 'smtpmail)
(setq user-full-name "Jane Q. Doe"
      user-mail-address "jane@example.org")
(setq send-mail-function #'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)

(custom-set-variables
 ;; custom-set-variables was added by Custom.
 '(smtpmail-smtp-server "mail.example.com")
 '(smtpmail-smtp-service 465)
 '(smtpmail-stream-type (quote ssl))
 '(auth-sources '("~/.authinfo.gpg" "~/.netrc")))
(custom-set-faces)

(use-package smtpmail
  :ensure nil
  :custom
  (smtpmail-debug-info t)
  (smtpmail-queue-dir (expand-file-name "queue/" user-emacs-directory))
  :config
  (add-to-list 'smtpmail-auth-supported 'xoauth2))

(with-eval-after-load 'message
  (setq message-kill-buffer-on-exit t)
  (add-hook 'message-setup-hook #'mml-secure-message-sign-pgpmime))

(defun my/choose-smtp ()
  "Pick the SMTP server from the From header."
  (let ((from (message-field-value "From")))
    (cond ((string-match-p "@work\\.example" from)
           (setq smtpmail-smtp-server "smtp.work.example"
                 smtpmail-smtp-service 25))
          (t (setq smtpmail-smtp-server "smtp.example.org")))))
(add-hook 'message-send-hook #'my/choose-smtp)

(setq gnus-posting-styles
      `((".*" (address ,user-mail-address)
         ("X-Message-SMTP-Method" "smtp smtp.example.org 587 jane"))))
(define-key global-map (kbd "C-c m") #'compose-mail)
(global-set-key [?\C-x ?m] 'compose-mail)
(setq mail-host-address (concat "host" "." "example"))
(setq smtpmail-servers-requiring-authorization "\\`smtp\\.example\\.org\\'")
(setq message-signature "Jane\nhttps://example.org/~jane")

;;; init_like.el ends here
