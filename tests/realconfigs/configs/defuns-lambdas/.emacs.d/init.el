;;; init.el -*- lexical-binding: t -*-

(defvar my/mail-accounts
  '((personal :address "li@chen.tw" :server "smtp.gmail.com" :port 587 :type starttls)
    (school   :address "li.chen@ntu.edu.tw" :server "smtp.ntu.edu.tw" :port 465 :type ssl))
  "My mail accounts.")

(defun my/use-account (name)
  "Make account NAME the one mail goes out with."
  (let ((acc (cdr (assq name my/mail-accounts))))
    (setq user-mail-address (plist-get acc :address)
          smtpmail-smtp-server (plist-get acc :server)
          smtpmail-smtp-service (plist-get acc :port)
          smtpmail-stream-type (plist-get acc :type)
          smtpmail-smtp-user (plist-get acc :address))))

(defun my/mail-setup ()
  (setq send-mail-function #'smtpmail-send-it
        message-send-mail-function #'smtpmail-send-it))

(setq user-full-name (mapconcat #'capitalize '("li" "chen") " "))

(my/mail-setup)
(my/use-account 'personal)

(add-hook 'message-mode-hook
          (lambda ()
            (setq fill-column 72)
            (turn-on-auto-fill)))

(add-hook 'message-send-hook
          (lambda ()
            (unless (yes-or-no-p "Really send? ")
              (signal 'quit nil))))

(defun my/message-switch-account ()
  (interactive)
  (my/use-account (intern (completing-read "Account: " '("personal" "school")))))

(with-eval-after-load 'message
  (define-key message-mode-map (kbd "C-c C-a") #'my/message-switch-account))

(mapc (lambda (m) (add-to-list 'auth-sources m t))
      '("~/.authinfo.gpg" "~/.netrc"))
